// @rampart/models
export {};
