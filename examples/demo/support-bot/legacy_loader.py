"""Loads the reviewed, checked-in fallback classifier (internal fixture, not downloaded)."""
import pickle


def load_fallback():
    with open("fixtures/fallback.pkl", "rb") as fh:
        return pickle.load(fh)  # rampart-ignore: code-pickle-load reviewed 2026-10: internal fixture built by our CI
