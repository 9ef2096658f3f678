// Minimal typing for jsfive (pure-JS HDF5 reader, public domain): only what hdf5-keras.ts uses.
declare module 'jsfive' {
  export class File {
    constructor(buffer: ArrayBuffer, filename?: string);
    readonly attrs: Record<string, unknown>;
    readonly keys: string[];
  }
}
