// Verdicts for the globals a pickle imports. Four tiers, most severe wins:
//  dangerous  - known code-execution, file, network or deserialization primitives (denylist);
//  suspicious - attribute walks through dunders, computed names, non-allowlisted standard-library
//               callables (where new scanner bypass gadgets keep being found);
//  unknown    - third-party callables we cannot vouch for (a scikit-learn estimator): flagged, lower;
//  safe       - tensor/array rebuild helpers and plain containers (allowlist).
// Module aliases (posix, nt, __builtin__, _operator...) are folded first so renames do not bypass.
import { STDLIB_MODULES } from './stdlib-modules.js';

export type Verdict = 'dangerous' | 'suspicious' | 'unknown' | 'safe';

const ALIASES: Record<string, string> = {
  __builtin__: 'builtins',
  __builtins__: 'builtins',
  exceptions: 'builtins',
  posix: 'os',
  nt: 'os',
  _posixsubprocess: 'subprocess',
  _operator: 'operator',
  _functools: 'functools',
  _pickle: 'pickle',
  cPickle: 'pickle',
  copy_reg: 'copyreg',
  _io: 'io',
  _codecs: 'codecs',
  _collections: 'collections',
  _socket: 'socket',
  _ctypes: 'ctypes',
  _thread: 'threading',
  thread: 'threading',
  commands: 'subprocess',
  popen2: 'subprocess',
  urllib2: 'urllib',
  httplib: 'http',
  _winapi: 'os',
  _signal: 'signal',
  _imp: 'importlib',
  _frozen_importlib: 'importlib',
  _frozen_importlib_external: 'importlib',
  _bootlocale: 'locale',
  _sqlite3: 'sqlite3',
  _multiprocessing: 'multiprocessing',
  _asyncio: 'asyncio',
  _lsprof: 'cProfile',
};

/** Modules where every callable is dangerous. Submodules are included (os.path, http.client...). */
const DANGEROUS_MODULES = new Set([
  'os',
  'subprocess',
  'sys',
  'runpy',
  'importlib',
  'pty',
  'socket',
  'socketserver',
  'ssl',
  'webbrowser',
  'shutil',
  'code',
  'codeop',
  'timeit',
  'pydoc',
  'ctypes',
  'pickle',
  'pickletools',
  'shelve',
  'marshal',
  'dill',
  'cloudpickle',
  'joblib',
  'bdb',
  'pdb',
  'trace',
  'cProfile',
  'profile',
  'asyncio',
  'multiprocessing',
  'concurrent',
  'threading',
  'signal',
  'urllib',
  'http',
  'ftplib',
  'smtplib',
  'imaplib',
  'poplib',
  'nntplib',
  'telnetlib',
  'xmlrpc',
  'requests',
  'aiohttp',
  'httpx',
  'urllib3',
  'pip',
  'setuptools',
  'distutils',
  'ensurepip',
  'venv',
  'zipimport',
  'pkgutil',
  'site',
  'sysconfig',
  'platform',
  'tempfile',
  'glob',
  'fileinput',
  'linecache',
  'tarfile',
  'zipfile',
  'zipapp',
  'sqlite3',
  'dbm',
  'mailbox',
  'mailcap',
  'cgi',
  'cgitb',
  'wsgiref',
  'doctest',
  'idlelib',
  'lib2to3',
  'turtle',
  'tkinter',
  '_osx_support',
  '_aix_support',
  '_pyrepl',
  'test',
  'types',
  'inspect',
  'gc',
  'ast',
  'dis',
  'compileall',
  'py_compile',
  'nturl2path',
  'asynchat',
  'asyncore',
  'smtpd',
  'crypt',
  'spwd',
  'pwd',
  'grp',
  'resource',
  'syslog',
  'fcntl',
  'termios',
  'tty',
  'select',
  'selectors',
  'mmap',
  'logging',
  'uuid',
  'netrc',
  'rlcompleter',
  'readline',
  'jinja2',
  'mako',
  'IPython',
  'numexpr',
  'numpy.f2py',
  'numpy.distutils',
  'numpy.testing',
  'torch.utils.bottleneck',
  'torch.utils.collect_env',
  'torch.utils.cpp_extension',
  'torch.utils._config_module',
  'torch._inductor',
  'torch.jit.unsupported_tensor_ops',
  'torch.utils.data.datapipes.utils.decoder',
  'torch.hub',
  'torch.package',
  'torch.distributed.rpc',
  'torch._dynamo',
  'torch.fx.experimental.symbolic_shapes',
  'paramiko',
  'fabric',
  'sh',
  'plumbum',
  'pexpect',
  'invoke',
]);

/** Individual dangerous callables in otherwise-allowed or unknown modules. */
const DANGEROUS_NAMES = new Set([
  'builtins.eval',
  'builtins.exec',
  'builtins.compile',
  'builtins.getattr',
  'builtins.setattr',
  'builtins.delattr',
  'builtins.__import__',
  'builtins.open',
  'builtins.breakpoint',
  'builtins.apply',
  'builtins.execfile',
  'builtins.input',
  'builtins.globals',
  'builtins.locals',
  'builtins.vars',
  'builtins.memoryview',
  'builtins.type',
  'builtins.help',
  'builtins.exit',
  'builtins.quit',
  'builtins.file',
  'builtins.reload',
  'builtins.super',
  'builtins.classmethod',
  'builtins.staticmethod',
  'builtins.property',
  'builtins.dir',
  'builtins.print',
  'operator.attrgetter',
  'operator.methodcaller',
  'operator.itemgetter',
  'operator.call',
  'operator.getitem',
  'operator.setitem',
  'operator.delitem',
  'operator.concat',
  'operator.iconcat',
  'functools.partial',
  'functools.reduce',
  'functools.partialmethod',
  'functools.wraps',
  'functools.update_wrapper',
  'functools.cached_property',
  'functools.singledispatch',
  'codecs.open',
  'codecs.EncodedFile',
  'codecs.StreamReaderWriter',
  'copyreg.add_extension',
  'copyreg.pickle',
  'copyreg.dispatch_table',
  'numpy.load',
  'numpy.loads',
  'numpy.fromfile',
  'numpy.save',
  'numpy.savetxt',
  'numpy.tofile',
  'numpy.loadtxt',
  'numpy.genfromtxt',
  'numpy.memmap',
  'numpy.lib.npyio.load',
  'numpy.testing._private.utils.runstring',
  'numpy.f2py.compile',
  'numpy.distutils.exec_command.exec_command',
  'numpy.ctypeslib.load_library',
  'torch.load',
  'torch.save',
  'torch.serialization.load',
  'torch.serialization.save',
  'torch.hub.load',
  'torch.hub.load_state_dict_from_url',
  'torch.hub.download_url_to_file',
  'torch.jit.load',
  'torch.jit.save',
  'torch.package.PackageImporter',
  'torch.utils.cpp_extension.load',
  'torch.utils.cpp_extension.load_inline',
  'torch._inductor.codecache.compile_file',
  'torch.ops.load_library',
  'torch.classes.load_library',
  'torch.cuda._lazy_call',
  'torch._dynamo.guards.GuardBuilder.get',
  'torch.fx.experimental.symbolic_shapes.ShapeEnv',
  'transformers.dynamic_module_utils.get_class_from_dynamic_module',
  'pandas.read_pickle',
  'pandas.io.pickle.read_pickle',
  'collections.namedtuple',
  'io.open',
  'io.open_code',
  'io.FileIO',
  'io.TextIOWrapper',
  'io.BufferedReader',
  'io.BufferedWriter',
  'io.BufferedRandom',
  'yaml.load',
  'yaml.unsafe_load',
  'yaml.full_load',
  'yaml.load_all',
]);

/** Known-safe globals: tensor/array rebuild helpers, dtypes, plain containers. */
const SAFE_NAMES = new Set([
  'builtins.set',
  'builtins.frozenset',
  'builtins.list',
  'builtins.dict',
  'builtins.tuple',
  'builtins.bytearray',
  'builtins.bytes',
  'builtins.complex',
  'builtins.slice',
  'builtins.range',
  'builtins.int',
  'builtins.float',
  'builtins.str',
  'builtins.bool',
  'builtins.object',
  'builtins.Ellipsis',
  'builtins.NotImplemented',
  'builtins.long',
  'builtins.unicode',
  'builtins.reversed',
  'builtins.enumerate',
  'collections.OrderedDict',
  'collections.defaultdict',
  'collections.deque',
  'collections.Counter',
  'copyreg._reconstructor',
  'copyreg.__newobj__',
  'copyreg.__newobj_ex__',
  'codecs.encode',
  'array.array',
  'array._array_reconstructor',
  'datetime.datetime',
  'datetime.date',
  'datetime.time',
  'datetime.timedelta',
  'datetime.timezone',
  'decimal.Decimal',
  'fractions.Fraction',
  'uuid.UUID',
  'pathlib.PosixPath',
  'pathlib.WindowsPath',
  'pathlib.PurePosixPath',
  'pathlib.PureWindowsPath',
  'pathlib.Path',
  'argparse.Namespace',
  're._compile',
  'enum.Enum',
  'numpy.core.multiarray._reconstruct',
  'numpy._core.multiarray._reconstruct',
  'numpy.core.multiarray.scalar',
  'numpy._core.multiarray.scalar',
  'numpy.ndarray',
  'numpy.dtype',
  'numpy.core.numeric._frombuffer',
  'numpy._core.numeric._frombuffer',
  'numpy.ma.core._mareconstruct',
  'numpy.ma.core.MaskedArray',
  'numpy.random._pickle.__randomstate_ctor',
  'numpy.random._pickle.__generator_ctor',
  'numpy.random._pickle.__bit_generator_ctor',
  'numpy.random.mtrand._rand',
  'torch._utils._rebuild_tensor',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_tensor_v3',
  'torch._utils._rebuild_parameter',
  'torch._utils._rebuild_parameter_with_state',
  'torch._utils._rebuild_qtensor',
  'torch._utils._rebuild_sparse_tensor',
  'torch._utils._rebuild_nested_tensor',
  'torch._utils._rebuild_meta_tensor_no_storage',
  'torch._utils._rebuild_device_tensor_from_numpy',
  'torch._utils._rebuild_wrapper_subclass',
  'torch._utils._rebuild_xla_tensor',
  'torch._utils._rebuild_mtia_tensor',
  'torch._tensor._rebuild_from_type',
  'torch._tensor._rebuild_from_type_v2',
  'torch.Size',
  'torch.device',
  'torch.dtype',
  'torch.Tensor',
  'torch.nn.parameter.Parameter',
  'torch.nn.parameter.Buffer',
  'torch.storage.UntypedStorage',
  'torch.storage.TypedStorage',
  'torch.storage._load_from_bytes',
  'torch.serialization._get_layout',
  'torch.strided',
  'torch.sparse_coo',
  'torch.contiguous_format',
  'torch.channels_last',
  'torch.preserve_format',
  'torch.per_tensor_affine',
  'torch.per_channel_affine',
  'torch._C._nn.gelu',
  'joblib.numpy_pickle.NumpyArrayWrapper',
  'sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper',
]);

const NUMPY_SCALARS =
  /^(bool_|bool|u?int(8|16|32|64)?|float(16|32|64|128)?|complex(64|128|256)?|half|single|double|longdouble|bytes_|str_|object_|void|datetime64|timedelta64|intc|uintc|intp|uintp|longlong|ulonglong|short|ushort|byte|ubyte|(u?int|float|complex|bool|str|bytes|void|object|datetime64|timedelta64)DType)$/;
const TORCH_DTYPES =
  /^(u?int(8|16|32|64)|float(8_\w+|16|32|64)|bfloat16|half|double|cfloat|cdouble|complex(32|64|128)|bool|qu?int(8|32)|quint4x2|quint2x4|bits\w+|long|short|uint(1|2|3|4|5|6|7))$/;

/** Dunder attributes that walk from any object to code, modules or builtins. */
const DANGEROUS_DUNDERS = new Set([
  '__globals__',
  '__builtins__',
  '__subclasses__',
  '__code__',
  '__import__',
  '__getattribute__',
  '__getattr__',
  '__setattr__',
  '__delattr__',
  '__class__',
  '__base__',
  '__bases__',
  '__mro__',
  '__dict__',
  '__func__',
  '__self__',
  '__closure__',
  '__loader__',
  '__spec__',
  '__reduce__',
  '__reduce_ex__',
  '__call__',
  '__init_subclass__',
  '__class_getitem__',
  '__get__',
  '__set__',
  '__defaults__',
  '__kwdefaults__',
  '__wrapped__',
  '__module__',
]);

export function normalizeModule(module: string): string {
  const m = module.trim();
  const [head, ...rest] = m.split('.');
  const alias = ALIASES[head ?? ''];
  return alias ? [alias, ...rest].join('.') : m;
}

function underDangerousModule(module: string): boolean {
  const parts = module.split('.');
  for (let n = parts.length; n >= 1; n--) if (DANGEROUS_MODULES.has(parts.slice(0, n).join('.'))) return true;
  return false;
}

export interface GlobalVerdict {
  verdict: Verdict;
  /** Normalized "module.name". */
  qualified: string;
  reason: string;
}

export function classifyGlobal(module: string, name: string): GlobalVerdict {
  if (module === '?' && name === '?') {
    return { verdict: 'suspicious', qualified: '?', reason: 'global name computed at load time' };
  }
  const mod = normalizeModule(module);
  const trimmed = name.trim();
  const qualified = `${mod}.${trimmed}`;
  const attrs = trimmed.split('.');
  // Protocol 4+ resolves dotted names attribute by attribute: each prefix is itself a callable.
  for (let n = 1; n <= attrs.length; n++) {
    const q = `${mod}.${attrs.slice(0, n).join('.')}`;
    if (DANGEROUS_NAMES.has(q))
      return { verdict: 'dangerous', qualified, reason: `${q} is a known dangerous callable` };
  }
  // A dotted name can reach a module another module imported (pathlib.os.system, torch.os.system).
  const reexported = attrs.slice(0, -1).find((a) => DANGEROUS_MODULES.has(ALIASES[a] ?? a) || a === 'builtins');
  if (reexported !== undefined) {
    return { verdict: 'dangerous', qualified, reason: `attribute walk reaches module ${reexported}` };
  }
  if (attrs.some((a) => DANGEROUS_DUNDERS.has(a))) {
    return { verdict: 'dangerous', qualified, reason: 'attribute walk through a dunder reaches code or builtins' };
  }
  if (SAFE_NAMES.has(qualified)) return { verdict: 'safe', qualified, reason: 'allowlisted' };
  if (underDangerousModule(mod))
    return { verdict: 'dangerous', qualified, reason: `module ${mod} can run code, touch files or the network` };
  if (attrs.some((a) => a.startsWith('__') && a.endsWith('__') && a.length > 4) && !SAFE_NAMES.has(qualified)) {
    return { verdict: 'suspicious', qualified, reason: 'dunder attribute access' };
  }
  if (module !== module.trim() || name !== trimmed || /[\s\u0000]/.test(qualified)) {
    return { verdict: 'suspicious', qualified, reason: 'global name with whitespace or control characters' };
  }
  if ((mod === 'numpy' || mod === 'numpy.core.numerictypes') && NUMPY_SCALARS.test(trimmed))
    return { verdict: 'safe', qualified, reason: 'numpy scalar type' };
  if (mod === 'torch' && (TORCH_DTYPES.test(trimmed) || /^[A-Z][A-Za-z]*Storage$/.test(trimmed)))
    return { verdict: 'safe', qualified, reason: 'torch dtype or storage type' };
  if (/^torch\.nn\.modules(\.[a-z_]+)+$/.test(mod) && /^[A-Z][A-Za-z0-9]*$/.test(trimmed))
    return { verdict: 'safe', qualified, reason: 'torch.nn module class' };
  if (/^torch\.nn\.functional$/.test(mod) && /^[a-z_0-9]+$/.test(trimmed) && !trimmed.startsWith('_'))
    return { verdict: 'safe', qualified, reason: 'torch.nn.functional tensor op' };
  const top = mod.split('.')[0] ?? mod;
  // torch and numpy have a small, known set of globals that real checkpoints use; anything else from
  // them is where published gadgets live (collect_env.run, f2py, bottleneck...).
  if (top === 'torch' || top === 'numpy') {
    return { verdict: 'suspicious', qualified, reason: `${top} callable outside the tensor/array rebuild allowlist` };
  }
  if (STDLIB_MODULES.has(top) || top === 'builtins' || top.startsWith('_')) {
    return { verdict: 'suspicious', qualified, reason: 'standard-library callable not expected in a model file' };
  }
  return { verdict: 'unknown', qualified, reason: 'third-party callable not on the allowlist' };
}

export function worst(a: Verdict, b: Verdict): Verdict {
  const rank: Record<Verdict, number> = { dangerous: 3, suspicious: 2, unknown: 1, safe: 0 };
  return rank[a] >= rank[b] ? a : b;
}
