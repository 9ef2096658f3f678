import requests

from .loops import back_again


def download(url: str) -> bytes:
    """Fetches whatever URL it is given."""
    return requests.get(url, timeout=10).content


def redline(a: str, b: str) -> str:
    """Pure text work: no I/O."""
    return a + b


def fetch_twice(url: str) -> bytes:
    return download(url) + back_again(url)
