// @rampart/store
export {};
