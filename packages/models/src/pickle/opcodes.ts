// Operand shapes of the pickle opcodes (protocols 0-5): a fixed byte count, one or two text lines,
// or a 1/4/8-byte little-endian length followed by that many bytes. One table serves the stack
// machine and the sniffer's structural walk of headerless pickles, so the two cannot disagree.

export type OperandShape = number | 'line' | 'line2' | 'len1' | 'len4' | 'len8';

export const PROTO = 0x80;

export const PICKLE_OPERANDS: ReadonlyMap<number, OperandShape> = new Map<number, OperandShape>([
  [0x28, 0], // MARK
  [0x2e, 0], // STOP
  [0x30, 0], // POP
  [0x31, 0], // POP_MARK
  [0x32, 0], // DUP
  [0x46, 'line'], // FLOAT
  [0x49, 'line'], // INT
  [0x4a, 4], // BININT
  [0x4b, 1], // BININT1
  [0x4c, 'line'], // LONG
  [0x4d, 2], // BININT2
  [0x4e, 0], // NONE
  [0x50, 'line'], // PERSID
  [0x51, 0], // BINPERSID
  [0x52, 0], // REDUCE
  [0x53, 'line'], // STRING
  [0x54, 'len4'], // BINSTRING
  [0x55, 'len1'], // SHORT_BINSTRING
  [0x56, 'line'], // UNICODE
  [0x58, 'len4'], // BINUNICODE
  [0x61, 0], // APPEND
  [0x62, 0], // BUILD
  [0x63, 'line2'], // GLOBAL
  [0x64, 0], // DICT
  [0x7d, 0], // EMPTY_DICT
  [0x65, 0], // APPENDS
  [0x67, 'line'], // GET
  [0x68, 1], // BINGET
  [0x69, 'line2'], // INST
  [0x6a, 4], // LONG_BINGET
  [0x6c, 0], // LIST
  [0x5d, 0], // EMPTY_LIST
  [0x6f, 0], // OBJ
  [0x70, 'line'], // PUT
  [0x71, 1], // BINPUT
  [0x72, 4], // LONG_BINPUT
  [0x73, 0], // SETITEM
  [0x74, 0], // TUPLE
  [0x29, 0], // EMPTY_TUPLE
  [0x75, 0], // SETITEMS
  [0x47, 8], // BINFLOAT
  [PROTO, 1],
  [0x81, 0], // NEWOBJ
  [0x82, 1], // EXT1
  [0x83, 2], // EXT2
  [0x84, 4], // EXT4
  [0x85, 0], // TUPLE1
  [0x86, 0], // TUPLE2
  [0x87, 0], // TUPLE3
  [0x88, 0], // NEWTRUE
  [0x89, 0], // NEWFALSE
  [0x8a, 'len1'], // LONG1
  [0x8b, 'len4'], // LONG4
  [0x42, 'len4'], // BINBYTES
  [0x43, 'len1'], // SHORT_BINBYTES
  [0x8c, 'len1'], // SHORT_BINUNICODE
  [0x8d, 'len8'], // BINUNICODE8
  [0x8e, 'len8'], // BINBYTES8
  [0x8f, 0], // EMPTY_SET
  [0x90, 0], // ADDITEMS
  [0x91, 0], // FROZENSET
  [0x92, 0], // NEWOBJ_EX
  [0x93, 0], // STACK_GLOBAL
  [0x94, 0], // MEMOIZE
  [0x95, 8], // FRAME
  [0x96, 'len8'], // BYTEARRAY8
  [0x97, 0], // NEXT_BUFFER
  [0x98, 0], // READONLY_BUFFER
]);

function byOpcode(value: (shape: OperandShape) => number): Int8Array {
  const t = new Int8Array(256).fill(-1);
  for (const [op, shape] of PICKLE_OPERANDS) t[op] = value(shape);
  return t;
}

/** Fixed operand byte count by opcode; -1 for text lines, length-prefixed payloads and unknown opcodes. */
export const FIXED_OPERAND: Int8Array = byOpcode((s) => (typeof s === 'number' ? s : -1));

/** Width of the length prefix of payload opcodes (1, 4 or 8); -1 for every other opcode. */
export const LENGTH_PREFIX: Int8Array = byOpcode((s) => (s === 'len1' ? 1 : s === 'len4' ? 4 : s === 'len8' ? 8 : -1));
