// @rampart/detectors
export {};
