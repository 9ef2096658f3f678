from google.cloud import bigquery


class Mailer:
    def send(self, to: str, body: str) -> None:
        import smtplib

        smtplib.SMTP("localhost").sendmail("bot@example.com", [to], body)

    def preview(self, body: str) -> str:
        return body[:80]


bq = bigquery.Client()
mailer = Mailer()
plain = dict()  # decoy: a module-level object whose class gives nothing


def fetch_prices(code: str):
    """Fixed SELECT built in a local f-string: reads, does not write."""
    query = f"""
SELECT value FROM prices WHERE code = @code
"""
    return bq.query(query).result()
