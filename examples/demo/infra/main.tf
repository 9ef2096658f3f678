# Azure OpenAI for the web app, a Bedrock agent for the back office, a notebook for the data team.
resource "azurerm_cognitive_account" "openai" {
  name                = "acme-openai"
  kind                = "OpenAI"
  sku_name            = "S0"
  location            = "westeurope"
  resource_group_name = "acme-ai"
}

resource "azurerm_cognitive_deployment" "gpt4o" {
  name                 = "gpt-4o"
  cognitive_account_id = azurerm_cognitive_account.openai.id
  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }
  sku {
    name = "Standard"
  }
}

resource "aws_bedrockagent_agent" "backoffice" {
  agent_name              = "backoffice"
  agent_resource_role_arn = "arn:aws:iam::123456789012:role/backoffice-agent"
  foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"
}

resource "aws_sagemaker_notebook_instance" "data_team" {
  name          = "data-team"
  role_arn      = "arn:aws:iam::123456789012:role/data-team"
  instance_type = "ml.t3.medium"
}

# Not AI: must not be reported.
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}
