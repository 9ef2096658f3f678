# Imports back into file_utils: a cycle between modules must end.
from . import file_utils


def back_again(url: str) -> bytes:
    return file_utils.fetch_twice(url)
