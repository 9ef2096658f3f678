import subprocess
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("devtools")


@mcp.tool()
def run_tests(path: str) -> str:
    """Run the test suite."""
    return subprocess.run(["pytest", path], capture_output=True, text=True).stdout


@mcp.tool()
def add(a: int, b: int) -> int:
    """Add two numbers."""
    return a + b
