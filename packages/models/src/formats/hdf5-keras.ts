// Keras HDF5 (.h5) files keep the architecture as JSON in the root group's "model_config"
// attribute. Placeholder until a real HDF5 reader is wired in: see hdf5 notes in the package README.
import type { RangeSource } from '../util/ranges.js';

export interface Hdf5KerasReport {
  config: unknown;
  problem: string | undefined;
  limited: boolean;
}

export async function scanHdf5Keras(_src: RangeSource, _size: number): Promise<Hdf5KerasReport> {
  return { config: undefined, problem: undefined, limited: false };
}
