// @rampart/engine
export {};
