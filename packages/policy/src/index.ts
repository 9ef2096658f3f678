// @rampart/policy
export {};
