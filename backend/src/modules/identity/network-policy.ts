// Which networks each role may call from (ALLOWED_NETWORKS). The address is Express's `req.ip`:
// X-Forwarded-For counts only when the request came through a proxy listed in TRUSTED_PROXIES
// (`trust proxy`), so a client cannot claim an address of its own choosing.
import net from 'node:net';
import type { Role } from '../../contracts/auth';

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** `::ffff:10.1.2.3` (IPv4 on a dual-stack socket) → `10.1.2.3`. */
export const normalizeIp = (ip: string): string => MAPPED_V4.exec(ip)?.[1] ?? ip;

export class NetworkPolicy {
  private readonly lists = new Map<Role, net.BlockList>();

  constructor(allowed: Partial<Record<Role, string[]>>) {
    for (const [role, cidrs] of Object.entries(allowed) as [Role, string[]][]) {
      const list = new net.BlockList();
      for (const cidr of cidrs) {
        const [address, prefix] = cidr.split('/') as [string, string | undefined];
        const family = net.isIP(address) === 6 ? 'ipv6' : 'ipv4';
        if (prefix === undefined) list.addAddress(address, family);
        else list.addSubnet(address, Number(prefix), family);
      }
      this.lists.set(role, list);
    }
  }

  /** Whether the role is limited to some networks at all. */
  restricts(role: Role): boolean {
    return this.lists.has(role);
  }

  /** True when `role` may call from `ip` (always, for a role without a list). */
  allows(role: Role, ip: string | undefined): boolean {
    const list = this.lists.get(role);
    if (!list) return true;
    if (!ip) return false;
    const address = normalizeIp(ip);
    const family = net.isIP(address);
    if (!family) return false;
    return list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  }
}
