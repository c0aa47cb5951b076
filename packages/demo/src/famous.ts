import { scoreVector, severityLabel, type Cvss, type CvssVersion } from '@exposure/score';
import { dayOf, type Calendar } from './calendar.js';
import type { DemoWeakness } from './catalogue-types.js';

interface Famous {
  id: string;
  title: string;
  published: string;
  vector: string;
  products: readonly string[];
  kev: boolean;
  exploit: 'poc' | 'weaponized';
  epss: number;
}

/**
 * Real, well-known weaknesses. They affect only the legacy builds (version index 0) of their
 * products, so they live on in the fleet exactly where a device was forgotten.
 */
const FAMOUS: readonly Famous[] = [
  {
    id: 'CVE-2021-44228',
    title: 'Apache Log4j2 JNDI lookup remote code execution (Log4Shell)',
    published: '2021-12-10',
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
    products: ['log4j', 'elasticsearch'],
    kev: true,
    exploit: 'weaponized',
    epss: 0.944,
  },
  {
    id: 'CVE-2024-3094',
    title: 'XZ Utils liblzma backdoor',
    published: '2024-03-29',
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
    products: ['xz'],
    kev: false,
    exploit: 'poc',
    epss: 0.842,
  },
  {
    id: 'CVE-2023-4863',
    title: 'libwebp heap buffer overflow in WebP image decoding',
    published: '2023-09-12',
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H',
    products: ['chrome', 'edge_chromium', 'firefox'],
    kev: true,
    exploit: 'weaponized',
    epss: 0.419,
  },
  {
    id: 'CVE-2024-6387',
    title: 'OpenSSH sshd signal handler race condition remote code execution (regreSSHion)',
    published: '2024-07-01',
    vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
    products: ['openssh'],
    kev: false,
    exploit: 'poc',
    epss: 0.383,
  },
  {
    id: 'CVE-2023-44487',
    title: 'HTTP/2 Rapid Reset denial of service',
    published: '2023-10-10',
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
    products: ['nginx', 'tomcat', 'kubernetes', 'windows_server_2022', 'windows_server_2019'],
    kev: true,
    exploit: 'weaponized',
    epss: 0.813,
  },
  {
    id: 'CVE-2023-4911',
    title: 'GNU C Library ld.so GLIBC_TUNABLES buffer overflow (Looney Tunables)',
    published: '2023-10-03',
    vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
    products: ['glibc'],
    kev: true,
    exploit: 'weaponized',
    epss: 0.725,
  },
  {
    id: 'CVE-2023-38545',
    title: 'curl SOCKS5 heap buffer overflow',
    published: '2023-10-18',
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    products: ['curl'],
    kev: false,
    exploit: 'poc',
    epss: 0.261,
  },
  {
    id: 'CVE-2024-21762',
    title: 'Fortinet FortiOS SSL-VPN out-of-bounds write',
    published: '2024-02-09',
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    products: ['fortios'],
    kev: true,
    exploit: 'weaponized',
    epss: 0.917,
  },
  {
    id: 'CVE-2023-20198',
    title: 'Cisco IOS XE Web UI privilege escalation',
    published: '2023-10-16',
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
    products: ['ios_xe'],
    kev: true,
    exploit: 'weaponized',
    epss: 0.939,
  },
  {
    id: 'CVE-2024-3400',
    title: 'PAN-OS GlobalProtect command injection',
    published: '2024-04-12',
    vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H',
    products: ['pan-os'],
    kev: true,
    exploit: 'weaponized',
    epss: 0.943,
  },
  {
    id: 'CVE-2024-21413',
    title: 'Microsoft Outlook remote code execution (MonikerLink)',
    published: '2024-02-13',
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    products: ['office'],
    kev: true,
    exploit: 'weaponized',
    epss: 0.568,
  },
];

export function famousWeaknesses(cal: Calendar): DemoWeakness[] {
  return FAMOUS.map((f) => {
    const version = f.vector.slice(5, 8) as CvssVersion;
    const score = scoreVector(version, f.vector);
    if (score === undefined) throw new Error(`invalid built-in CVSS vector ${f.vector}`);
    const cvss: Cvss = { version, score, vector: f.vector };
    const publishedDay = Math.floor(dayOf(cal, `${f.published}T00:00:00Z`));
    return {
      id: f.id,
      kind: 'vulnerability',
      title: f.title,
      cvss: [cvss],
      severity: severityLabel(score / 10),
      published: f.published,
      publishedDay,
      affects: f.products.map((product) => ({ product, introduced: 0, fixed: 1 })),
      kevDay: f.kev ? publishedDay + 7 : null,
      pocDay: publishedDay + 2,
      weaponizedDay: f.exploit === 'weaponized' ? publishedDay + 5 : null,
      epssBase: f.epss,
      epssSlope: 0,
      exceptionRate: 0,
    };
  });
}
