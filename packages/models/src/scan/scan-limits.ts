// Bounds the model scanner applies on top of each parser's own limits and the engine's
// (ctx.limits: decompressed bytes, compression ratio, nesting depth). Hitting one is inconclusive.

/** Archives inside archives (zip in tar in gzip...) deeper than this are not opened. */
export const MAX_ARCHIVE_DEPTH = 4;
/** Pickles nested in pickles (pickle.loads of bytes) are followed at most this deep, or ctx.limits.maxDepth. */
export const MAX_NESTED_PICKLE_DEPTH = 8;
/** Largest compressed container handed to 7-Zip (it works on an in-memory copy). */
export const MAX_SEVEN_ZIP_INPUT = 256 * 1024 * 1024;
/** Largest JSON member (Keras config, tokenizer config) parsed. */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;
/** Findings kept per scanned file; a hostile file could otherwise emit one per opcode. */
export const MAX_FINDINGS = 500;
