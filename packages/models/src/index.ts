// @rampart/models: model-file parsers and checks that never load or execute what they read.

export { readTarEntries } from './archive/tar.js';
export { DEFAULT_ZIP_LIMITS, escapesRoot, openZipMember, readZipDirectory } from './archive/zip.js';
export { checkChatTemplate } from './formats/chat-template.js';
export { readGguf } from './formats/gguf.js';
export { checkKerasConfig } from './formats/keras-config.js';
export { readNpyHeader } from './formats/numpy.js';
export { scanOnnx } from './formats/onnx.js';
export { checkSafetensors } from './formats/safetensors.js';
export { scanTfGraph } from './formats/tf-graph.js';
export { modelCardCorrelator, modelCardDetector, parseFrontMatter } from './model-card-detector.js';
export { modelFileDetector } from './model-file-detector.js';
export { DEFAULT_MACHINE_LIMITS, PickleMachine } from './pickle/machine.js';
export { classifyGlobal, type Verdict } from './pickle/policy.js';
export { type PickleReport, scanPickle } from './pickle/scan-pickle.js';
export { RULES as MODEL_RULES } from './scan/rule-ids.js';
export { type ModelFormat, sniffFormat } from './sniff.js';
export { memoryRange, type RangeSource } from './util/ranges.js';
