from google.cloud import bigquery


def run_query(sql: str) -> str:
    """Runs the SQL the model wrote."""
    client = bigquery.Client()
    return str(list(client.query(sql).result()))
