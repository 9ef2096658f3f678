import os
import pickle
import subprocess
import sqlite3

import joblib
import torch
from huggingface_hub import hf_hub_download
from openai import OpenAI
from transformers import AutoModel

client = OpenAI()

state = torch.load("model.pt")
safe = torch.load("model.pt", weights_only=True)
path = hf_hub_download(repo_id="org/model", filename="clf.pkl")
clf = joblib.load(path)
with open("local.pkl", "rb") as f:
    obj = pickle.load(f)
model = AutoModel.from_pretrained("org/custom", trust_remote_code=True)
ok = AutoModel.from_pretrained("org/custom", trust_remote_code=False)


def run(question):
    resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    code = resp.choices[0].message.content
    cleaned = code.strip()
    exec(cleaned)
    subprocess.run(f"echo {cleaned}", shell=True)
    conn = sqlite3.connect("x.db")
    conn.execute(cleaned)
    os.system("ls")


def unrelated(user_input):
    eval(user_input)
    conn = sqlite3.connect("x.db")
    conn.execute("SELECT 1")
