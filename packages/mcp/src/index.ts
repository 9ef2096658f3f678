// @rampart/mcp
export {};
