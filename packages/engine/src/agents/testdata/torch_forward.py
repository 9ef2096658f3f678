# Decoy: a model's forward() in a file that never imports a tool base class is not a tool.
import torch
from torch import nn


class Net(nn.Module):
    def forward(self, x):
        return torch.relu(x)
