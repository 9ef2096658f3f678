// Turns a server config into its `mcp-server` asset (deterministic id, redacted properties).
import { type Asset, assetId } from '@rampart/core';
import { secretsInText } from './secrets.js';
import { type McpServerConfig, packageOf } from './server-config.js';

export function serverAssetId(s: Pick<McpServerConfig, 'client' | 'configPath' | 'name'>): string {
  return assetId('mcp-server', s.client, s.configPath, s.name);
}

/** Replace any secret inside `text` with its redacted form. */
export function redactText(text: string): string {
  let out = text;
  for (const h of secretsInText(text)) out = out.split(h.value).join(h.redacted);
  return out;
}

/** A URL with credentials in userinfo or query values redacted. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = 'redacted';
    for (const [k, v] of u.searchParams) {
      if (/key|token|secret|auth|sig|password|code/i.test(k) && v.length > 0) u.searchParams.set(k, 'redacted');
    }
    return redactText(u.toString());
  } catch {
    return redactText(url);
  }
}

export function serverAsset(s: McpServerConfig): Asset {
  const pkg = packageOf(s);
  const properties: Asset['properties'] = {
    transport: s.transport,
    client: s.client,
    configPath: s.configPath,
  };
  if (s.command !== undefined) properties.command = redactText(s.command);
  if (s.args.length > 0) properties.args = s.args.map(redactText);
  if (s.url !== undefined) properties.url = redactUrl(s.url);
  if (pkg) {
    properties.package = pkg.name;
    properties.ecosystem = pkg.ecosystem;
    properties.launcher = pkg.launcher;
    if (pkg.version !== undefined) properties.version = pkg.version;
  }
  const envNames = Object.keys(s.env);
  if (envNames.length > 0) properties.envNames = envNames;
  if (s.disabled) properties.disabled = true;
  const asset: Asset = {
    id: serverAssetId(s),
    kind: 'mcp-server',
    name: s.name,
    locations: [{ path: s.configPath, ...(s.line === undefined ? {} : { line: s.line }) }],
    properties,
  };
  if (pkg?.version !== undefined) asset.version = pkg.version;
  if (pkg && pkg.ecosystem !== 'local') {
    const purlType = pkg.ecosystem === 'oci' ? 'docker' : pkg.ecosystem;
    const name = pkg.ecosystem === 'npm' && pkg.name.startsWith('@') ? `%40${pkg.name.slice(1)}` : pkg.name;
    if (!/[\s?#]/.test(name))
      asset.purl = `pkg:${purlType}/${name}${pkg.version ? `@${encodeURIComponent(pkg.version)}` : ''}`;
  }
  return asset;
}
