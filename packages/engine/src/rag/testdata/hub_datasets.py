# Datasets fetched from the Hugging Face Hub, next to a model download and local builder files.
from datasets import load_dataset
from huggingface_hub import hf_hub_download, snapshot_download

snapshot_download(repo_id="gaia-benchmark/GAIA", repo_type="dataset", local_dir="data/gaia")
hf_hub_download("openai/gsm8k", "main/test.parquet", repo_type="dataset")
snapshot_download("meta-llama/Llama-3.2-1B")
squad = load_dataset("rajpurkar/squad_v2", split="validation")
alpaca = load_dataset("json", data_files="alpaca_format_data.json", split="train")
splits = load_dataset("csv", data_files={"train": "train.csv", "test": "test.csv"})
unknown = load_dataset("parquet", data_files=files)
script = load_dataset("data/gaia/GAIA.py", "2023_all")
