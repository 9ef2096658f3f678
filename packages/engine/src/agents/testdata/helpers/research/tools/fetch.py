from ..common import file_utils
from ..common.clients import bq, fetch_prices, mailer, plain


def fetch_transcript_tool(url: str) -> str:
    """I/O only in a helper of another module."""
    return file_utils.download(url).decode()


def compare_tool(a: str, b: str) -> str:
    """Decoy: the helper does no I/O."""
    return file_utils.redline(a, b)


def query_tool(sql: str) -> list:
    """A module-level BigQuery client of another module, with model-written SQL."""
    return list(bq.query(sql).result())


def notify_tool(to: str, body: str) -> None:
    """A method of a module-level object whose class is in the other module."""
    mailer.send(to, body)


def preview_tool(body: str) -> str:
    """Decoys: a harmless method of the same object, and a plain dict."""
    plain.get(body)
    return mailer.preview(body)


def cycle_tool(url: str) -> bytes:
    return file_utils.fetch_twice(url)


def prices_tool(code: str) -> list:
    return list(fetch_prices(code))
