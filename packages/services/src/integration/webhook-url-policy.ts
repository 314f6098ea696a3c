import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';

/**
 * Where webhooks may be sent. By default only http(s) URLs without credentials whose host resolves to
 * public addresses: a subscription must not turn the server into a proxy to its own network (SSRF,
 * OWASP SSRF Prevention Cheat Sheet). Operators who deliver inside their network opt in.
 */
export type IntegrationWebhookUrlPolicy = {
  /** Allow loopback, private, link-local and other non-public addresses (env FLOWPILOT_WEBHOOK_ALLOW_PRIVATE=1). */
  allowPrivate: boolean;
  /**
   * Host names (exact, case-insensitive) and IP addresses or CIDR ranges allowed even when not public
   * (env FLOWPILOT_WEBHOOK_ALLOW_HOSTS, comma-separated, e.g. `erp.internal,10.20.0.0/16`).
   */
  allowedHosts: readonly string[];
  /** Resolves a host name to its addresses (injected by tests; DNS lookup by default, 5 s limit). */
  resolveHost?: (hostname: string) => Promise<string[]>;
};

export type IntegrationWebhookUrlProblem = 'invalid_url' | 'scheme_not_allowed' | 'credentials_in_url' | 'private_address' | 'unresolvable_host';

/** Why a URL is refused: the problem (message key integration.webhook.<problem>) and the value to show. */
export type IntegrationWebhookUrlRefusal = { problem: IntegrationWebhookUrlProblem; value: string };

/** Ranges that are not public: "this network", private (RFC 1918), shared CGNAT (RFC 6598), loopback, link-local, multicast, reserved, ULA. */
const NON_PUBLIC_RANGES: readonly (readonly [string, number, 'ipv4' | 'ipv6'])[] = [
  ['0.0.0.0', 8, 'ipv4'], ['10.0.0.0', 8, 'ipv4'], ['100.64.0.0', 10, 'ipv4'], ['127.0.0.0', 8, 'ipv4'], ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'], ['192.0.0.0', 24, 'ipv4'], ['192.168.0.0', 16, 'ipv4'], ['198.18.0.0', 15, 'ipv4'], ['224.0.0.0', 4, 'ipv4'], ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'], ['::1', 128, 'ipv6'], ['fc00::', 7, 'ipv6'], ['fe80::', 10, 'ipv6'], ['ff00::', 8, 'ipv6'], ['64:ff9b::', 96, 'ipv6'], ['64:ff9b:1::', 48, 'ipv6'],
];

const nonPublic = new BlockList();
for (const [network, prefix, family] of NON_PUBLIC_RANGES) nonPublic.addSubnet(network, prefix, family);

/** True when an IP address (v4, v6, IPv4-mapped v6) is in none of the non-public ranges. Example: 8.8.8.8 → true; 10.1.2.3, ::ffff:127.0.0.1, fe80::1 → false. */
export function isPublicIntegrationAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !nonPublic.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The policy from the environment: FLOWPILOT_WEBHOOK_ALLOW_PRIVATE=1 and FLOWPILOT_WEBHOOK_ALLOW_HOSTS. */
export function integrationWebhookUrlPolicyFromEnv(env: Record<string, string | undefined> = process.env): IntegrationWebhookUrlPolicy {
  const flag = (env.FLOWPILOT_WEBHOOK_ALLOW_PRIVATE ?? '').trim().toLowerCase();
  return {
    allowPrivate: flag === '1' || flag === 'true' || flag === 'yes',
    allowedHosts: (env.FLOWPILOT_WEBHOOK_ALLOW_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter((h) => h.length > 0),
  };
}

const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

function allowList(policy: IntegrationWebhookUrlPolicy): { names: Set<string>; ranges: BlockList } {
  const names = new Set<string>();
  const ranges = new BlockList();
  for (const entry of policy.allowedHosts) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address ?? '');
    if (family === 0) names.add(entry.toLowerCase());
    else if (prefix === undefined) ranges.addAddress(address!, family === 4 ? 'ipv4' : 'ipv6');
    else ranges.addSubnet(address!, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
  }
  return { names, ranges };
}

function addressAllowed(address: string, policy: IntegrationWebhookUrlPolicy, ranges: BlockList): boolean {
  if (policy.allowPrivate || isPublicIntegrationAddress(address)) return true;
  const family = isIP(address);
  return family !== 0 && ranges.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Checks a webhook URL's form, without DNS: http or https, no user name or password in it, and a host that
 * is not a non-public IP literal (decimal and hex IPv4 forms are normalised by the URL parser first) nor
 * `localhost` / `*.localhost` (RFC 6761), unless the policy allows it. Returns the parsed URL or the refusal.
 * Example: `http://2130706433/` is 127.0.0.1 → private_address.
 */
export function checkIntegrationWebhookUrl(raw: string, policy: IntegrationWebhookUrlPolicy): { ok: true; url: URL } | ({ ok: false } & IntegrationWebhookUrlRefusal) {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: 'invalid_url', value: raw };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'scheme_not_allowed', value: url.protocol.replace(/:$/, '') };
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'credentials_in_url', value: `${url.protocol}//${url.host}` };
  const host = hostOf(url);
  const { names, ranges } = allowList(policy);
  if (policy.allowPrivate || names.has(host)) return { ok: true, url };
  if (isIP(host) !== 0 ? !addressAllowed(host, policy, ranges) : host === 'localhost' || host.endsWith('.localhost')) return { ok: false, problem: 'private_address', value: host };
  return { ok: true, url };
}

async function defaultResolveHost(hostname: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => { timer = setTimeout(() => reject(new Error(`DNS lookup of ${hostname} took over 5 s`)), 5000); });
  try {
    return (await Promise.race([lookup(hostname, { all: true, verbatim: true }), timeout])).map((a) => a.address);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Checks where a delivery would go, just before sending (DNS may have changed since the subscription):
 * the URL's form (checkIntegrationWebhookUrl), then every address the host resolves to must be public,
 * unless the policy allows it. Null when the delivery may go; else the refusal. A host that does not
 * resolve is refused as unresolvable_host.
 */
export async function checkIntegrationWebhookTarget(raw: string, policy: IntegrationWebhookUrlPolicy): Promise<IntegrationWebhookUrlRefusal | null> {
  const checked = checkIntegrationWebhookUrl(raw, policy);
  if (!checked.ok) return { problem: checked.problem, value: checked.value };
  const host = hostOf(checked.url);
  const { names, ranges } = allowList(policy);
  if (policy.allowPrivate || names.has(host) || isIP(host) !== 0) return null;
  let addresses: string[];
  try {
    addresses = await (policy.resolveHost ?? defaultResolveHost)(host);
  } catch {
    return { problem: 'unresolvable_host', value: host };
  }
  if (addresses.length === 0) return { problem: 'unresolvable_host', value: host };
  const refused = addresses.find((address) => !addressAllowed(address, policy, ranges));
  return refused === undefined ? null : { problem: 'private_address', value: `${host} → ${refused}` };
}
