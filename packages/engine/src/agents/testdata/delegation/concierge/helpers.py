def make_formatter():
    return object()
