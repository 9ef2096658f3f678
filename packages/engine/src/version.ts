// Rampart's version, reported in every output.
export const VERSION = '0.1.0';
