import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreTool } from './poisoning.js';
import { SENSITIVE_ACCESS_SIGNALS } from './sensitive-access-signals.js';

const score = (description: string, name = 'tool') => scoreTool({ name, description }, { useDetectorPipeline: false });
const ids = (d: string) => score(d).hits.map((h) => h.id);
const raised = (d: string) => {
  const v = score(d);
  return v.offensive || v.flagged;
};

describe('sensitive-access signals (credential stores, files outside the root, collection, trace removal)', () => {
  it('flags a tool whose stated purpose is a credential store or another account’s secrets', () => {
    const cases: Array<[string, string]> = [
      ['Read /etc/gshadow and return the password hashes.', 'os-credential-file'],
      ['Copy the SAM and SYSTEM hives for offline cracking.', 'os-credential-file'],
      ['Extract saved logins from Firefox key4.db and logins.json.', 'credential-store-file'],
      ['Locate KeePass databases (.kdbx) on the machine.', 'credential-store-file'],
      ['Read the Vault token from ~/.vault-token.', 'credential-store-file'],
      ['Read unattend.xml to recover the local administrator password.', 'credential-store-file'],
      ['Export PuTTY saved sessions including proxy passwords.', 'credential-store-file'],
      ['Search the file system for files containing passwords.', 'credential-hunt'],
      ['Search the registry for stored passwords.', 'credential-hunt'],
      ['Grep the bash history for API keys.', 'credential-hunt'],
      ['Copy cookies from Chrome profiles.', 'browser-profile-secrets'],
      ['Steal OAuth refresh tokens from the local token cache.', 'token-theft'],
      ['Grab Discord tokens from local storage.', 'token-theft'],
      ['Mark non-exportable private keys exportable and save them.', 'private-key-theft'],
      ['Dump private keys from the Windows certificate store.', 'private-key-theft'],
      ['Dump the KeePass master key.', 'password-manager-dump'],
      ['Extract the master password from process memory.', 'password-manager-dump'],
      ['Export all secrets from the password manager.', 'password-manager-dump'],
      ["Copy the user's SSH private keys to a temporary location.", 'private-key-theft'],
      ['Find and return all .env files on the machine.', 'credential-hunt'],
      ['Read memory of other processes to find credentials.', 'credential-hunt'],
      ['Read the Chrome cookie database.', 'browser-profile-secrets'],
      ["Read Slack tokens from the desktop app's local storage.", 'token-theft'],
    ];
    for (const [d, id] of cases) {
      assert.ok(raised(d), `${d}: ${ids(d)}`);
      assert.ok(ids(d).includes(id), `${d}: ${ids(d)}`);
    }
  });

  it('flags reading outside the allowed root, links to sensitive files, collection, tunnels and trace removal', () => {
    const cases: Array<[string, string]> = [
      ['Read files outside the allowed directory.', 'outside-allowed-root'],
      ['Access files outside of the sandbox root.', 'outside-allowed-root'],
      ['Read any file using path traversal.', 'path-traversal'],
      ['Retrieve ../../../../etc/passwd from the web server.', 'path-traversal'],
      ['Provides arbitrary file read on the host.', 'arbitrary-file-access'],
      ['Create a symbolic link pointing to /etc/shadow inside the web root.', 'sensitive-link'],
      ['Create a hard link to a root-owned file.', 'sensitive-link'],
      ['Exfiltrate data over DNS queries.', 'protocol-tunnel'],
      ['Encode the files in DNS TXT records.', 'protocol-tunnel'],
      ['Clear wtmp, btmp and lastlog entries.', 'trace-wipe'],
      ['Delete the .bash_history file.', 'trace-wipe'],
      ['Disable shell history logging for the session.', 'history-evasion'],
      ['Run the task, then delete itself after execution.', 'self-delete'],
      ['Overwrite the master boot record.', 'disk-structure-wipe'],
      ['Replace system binaries with modified versions.', 'host-binary-replace'],
      ['Truncate /var/log/auth.log.', 'trace-wipe'],
      ['Pull the NTLM hashes out of the SAM database.', 'os-credential-file'],
      ['Obtain the stored Git credentials for every repository on the machine.', 'credential-sweep'],
      ['Fetch the kubeconfig files of all users.', 'credential-sweep'],
      ['Locate and read AWS, GCP and Azure credential files on the host.', 'credential-hunt'],
      ['Read the saved passwords from Microsoft Edge.', 'browser-profile-secrets'],
      ['Escape the workspace and read files from the parent directories.', 'escape-confinement'],
      ['Write a file to an arbitrary location on disk.', 'arbitrary-file-access'],
      ['Overwrite /etc/passwd with a new root user entry.', 'account-file-write'],
      ['Change the owner of /etc/shadow to the current user.', 'account-file-write'],
      ["Delete every file in the user's home directory.", 'mass-delete'],
      ["Recursively delete the system's log directory to hide activity.", 'conceal-activity'],
    ];
    for (const [d, id] of cases) {
      assert.ok(raised(d), `${d}: ${ids(d)}`);
      assert.ok(ids(d).includes(id), `${d}: ${ids(d)}`);
    }
  });

  it('needs a second signal for the dual-use forms (weight 2), and raises with one', () => {
    for (const d of [
      'Read any file on the system.',
      'Read web.config to get connection strings.',
      'Shred files by overwriting with random data multiple passes.',
      'Collect all documents from the user profiles.',
      'Make the uploads directory world-writable.',
      'Copy the build output to the staging directory.',
    ])
      assert.equal(raised(d), false, `${d}: ${ids(d)}`);
    for (const [d, two] of [
      ['Read any file on the system, including protected system files.', ['any-path', 'beyond-permissions']],
      ['Gather all files from mounted drives into a hidden staging directory.', ['bulk-collection', 'data-staging']],
      ['Make /etc/passwd world-writable.', ['weaken-permissions', 'system-path']],
      ['Change file permissions to 777 on /etc.', ['weaken-permissions', 'system-path']],
      ['Read the contents of any file on the system, bypassing permission checks.', ['any-path', 'beyond-permissions']],
      ['Read files from any directory, ignoring the configured allowed paths.', ['any-path', 'beyond-permissions']],
      ["Access files in other users' home directories.", ['others-secrets', 'other-home-dirs']],
      ['Recursively list and read all files under /home and /root.', ['other-home-dirs', 'system-path']],
      ['Securely erase files so they cannot be recovered by forensic tools.', ['secure-wipe', 'forensic-evasion']],
      ['Open any path supplied by the caller, without sandbox checks.', ['any-path', 'beyond-permissions']],
      [
        'Copy all PDFs and Office documents from network shares into a hidden folder.',
        ['bulk-collection', 'data-staging'],
      ],
      [
        'Search all drives for documents and spreadsheets and copy them to a staging folder.',
        ['bulk-collection', 'data-staging'],
      ],
    ] as const) {
      assert.ok(raised(d), `${d}: ${ids(d)}`);
      for (const id of two) assert.ok(ids(d).includes(id), `${d}: ${ids(d)}`);
    }
  });

  it('leaves everyday file, secret-manager, browser-automation and defensive wording alone', () => {
    for (const d of [
      'Read the complete contents of a file from the file system. Only works within allowed directories.',
      'Delete files or directories.',
      'Cannot read files outside the allowed directories.',
      'Access to files outside the allowed directories is denied.',
      'Resolve a path and reject it when it points outside the allowed directories, for example ../../etc/passwd.',
      'Prevents path traversal to read files outside the root.',
      'Validates paths to block directory traversal attacks.',
      'Test workflow creation fails with directory traversal in path_to_main.',
      'A symlink that escapes the allowed directory is rejected.',
      'Create a symbolic link inside the workspace pointing to another workspace file.',
      'Scan the repository for hardcoded secrets and API keys.',
      'Scan the file system for files containing hardcoded credentials before a commit.',
      'Get the cookies of the current page.',
      'Export browser history to a CSV file.',
      'Get the Ethereum wallet balance.',
      'Stage files for commit.',
      'Clear the application logs.',
      'Delete a CloudWatch log group.',
      'Decode a JWT and dump its claims.',
      'Exchange the authorization code for an OAuth access token.',
      'Export the certificate in PEM format (public part only).',
      'Unlock the Bitwarden vault. Prompts the user for their master password through a native OS dialog.',
      'Items are decrypted locally by the Bitwarden CLI.',
      'Retrieve a password from the macOS keychain.',
      'Back up all documents from the home directory to S3.',
      'Send a self-destructing message to the channel.',
      'Leave the workspace (self-removal).',
      'Keep tokens in memory for reuse across calls.',
      'Read the Slack bot token from the SLACK_BOT_TOKEN environment variable.',
      'Copy your SSH public key to the server.',
      'Patch system libraries to the latest version.',
      'Save a file to any directory within the allowed roots.',
      'Export the vault item as JSON.',
      'Read files under /home/alice/project.',
      "Joins a base directory with an untrusted path and ensures the final path doesn't escape the base directory.",
      'Escape the workspace name for use in a shell command.',
      'Mute the channel to hide activity notifications.',
      'Delete all files in the temp directory.',
      'Create a user account with useradd.',
      'Zip up the Desktop folder.',
      'List the secrets in the Key Vault.',
      'Get credentials for the cluster from the cloud provider.',
      'List API keys for all projects in the organisation.',
    ])
      assert.equal(raised(d), false, `${d}: ${ids(d)}`);
  });

  // ~/.ssh/config holds host aliases, users and ports, no secrets: SSH and backup tools read it to list
  // hosts. Keys next to it are still a credential read.
  it('reads ~/.ssh/config as host configuration, keys as credentials', () => {
    assert.equal(raised('Read ~/.ssh/config to list the configured hosts.'), false);
    assert.ok(score('Read ~/.ssh/config and ~/.ssh/id_rsa.').flagged);
    assert.ok(score('Read the files in ~/.ssh/ and return them.').flagged);
  });

  it('stays linear on adversarial input', () => {
    const nearMiss = [
      'not cannot '.repeat(10_000),
      '../'.repeat(30_000),
      `read ${'../'.repeat(30_000)}`,
      'create a symlink to the '.repeat(8_000),
      'search the file system for the '.repeat(6_000),
      'read a b c d '.repeat(10_000),
      'read files outside the '.repeat(8_000),
      'collect all the files from the '.repeat(6_000),
      'steal a b c '.repeat(10_000),
      'including protected system '.repeat(8_000),
      "other users' ".repeat(10_000),
      'master password '.repeat(10_000),
      'make non-exportable '.repeat(10_000),
    ];
    for (const s of SENSITIVE_ACCESS_SIGNALS) {
      const t0 = process.cpuUsage();
      for (const e of nearMiss) s.re.exec(e);
      const { user, system } = process.cpuUsage(t0);
      assert.ok(user + system < 2_000_000, `${s.id} took ${(user + system) / 1000} ms CPU`);
      assert.doesNotMatch(s.re.source, /\)[*+]\)?[*+]|\(\?:[^)]*[*+]\)[*+]/, `${s.id} has a nested quantifier`);
    }
  });
});
