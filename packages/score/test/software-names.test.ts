import { describe, expect, it } from 'vitest';
import { ecosystemLabel, softwareName, softwareTitle } from '../src/software-names.js';
import { assess } from '../src/assess.js';
import { makeFinding, makeSnapshot, makeWeakness } from './builders.js';

describe('softwareName', () => {
  // The examples (issue 11, item 6) and the demo fleet's software.
  it.each([
    ['gnu', 'glibc', 'GNU glibc'],
    ['openssl', 'openssl', 'OpenSSL'],
    ['oracle', 'jre', 'Oracle Java (JRE)'],
    ['oracle', 'jdk', 'Oracle Java (JDK)'],
    ['cisco', 'ios_xe', 'Cisco IOS XE'],
    ['paloaltonetworks', 'pan-os', 'Palo Alto Networks PAN-OS'],
    ['org.apache.logging.log4j', 'log4j-core', 'Apache Log4j'],
    ['apache', 'log4j', 'Apache Log4j'],
    ['linux', 'linux_kernel', 'Linux kernel'],
    ['microsoft', 'edge_chromium', 'Microsoft Edge'],
    ['google', 'chrome', 'Google Chrome'],
    ['mozilla', 'firefox', 'Mozilla Firefox'],
    ['openbsd', 'openssh', 'OpenSSH'],
    ['haxx', 'curl', 'curl'],
    ['apache', 'http_server', 'Apache HTTP Server'],
    ['f5', 'nginx', 'nginx'],
    ['postgresql', 'postgresql', 'PostgreSQL'],
    ['nodejs', 'node.js', 'Node.js'],
    ['python', 'python', 'Python'],
    ['microsoft', 'windows_server_2022', 'Microsoft Windows Server 2022'],
    ['microsoft', 'sql_server', 'Microsoft SQL Server'],
    ['apple', 'macos', 'Apple macOS'],
    ['vmware', 'tools', 'VMware Tools'],
    ['tukaani', 'xz', 'XZ Utils'],
    ['sudo_project', 'sudo', 'sudo'],
    ['7-zip', '7-zip', '7-Zip'],
    ['fortinet', 'fortios', 'Fortinet FortiOS'],
    ['zoom', 'zoom', 'Zoom'],
  ])('%s / %s is "%s"', (vendor, product, name) => {
    expect(softwareName(vendor, product)).toBe(name);
  });

  it('shortens Maven coordinates to the organization and the artifact as written', () => {
    expect(softwareName('', 'org.apache.logging.log4j:log4j-core')).toBe('Apache Log4j');
    expect(softwareName('jar', 'org.apache.commons:commons-compress')).toBe(
      'Apache commons-compress (Java archive)',
    );
    expect(softwareName('com.fasterxml.jackson.core', 'jackson-databind')).toBe(
      'FasterXML jackson-databind',
    );
  });

  it("keeps the product's own case, and package identifiers as written", () => {
    expect(softwareName('ACME', 'widget_server')).toBe('ACME Widget Server');
    expect(softwareName('acme', 'WidgetPro')).toBe('Acme WidgetPro');
    expect(softwareName('unknown vendor', 'GHI')).toBe('GHI (unknown vendor)');
    expect(softwareName('', 'lodash')).toBe('lodash');
    expect(softwareName('', 'libc-bin')).toBe('libc-bin');
    expect(softwareName('league', 'league/flysystem')).toBe('league/flysystem');
    expect(softwareName('microsoft', 'edge_chromium-based')).toBe('Microsoft Edge Chromium-based');
    expect(softwareName('citrix', 'netscaler_adc')).toBe('Citrix NetScaler ADC');
  });

  it('names package ecosystems for people, the package as written', () => {
    expect(softwareName('rpm', 'bind-utils')).toBe('bind-utils (RPM package)');
    expect(softwareName('npm', 'lodash')).toBe('lodash (npm package)');
    expect(softwareName('PyPI', 'Django')).toBe('Django (PyPI package)');
    expect(softwareName('crates.io', 'regex')).toBe('regex (Rust crate)');
    expect(softwareName('go', 'golang.org/x/net')).toBe('golang.org/x/net (Go module)');
    expect(ecosystemLabel('linux')).toBeUndefined();
  });

  it('never shows a raw CPE pair', () => {
    for (const [v, p] of [
      ['linux', 'linux_kernel'],
      ['gnu', 'glibc'],
      ['paloaltonetworks', 'pan-os'],
    ] as const) {
      expect(softwareName(v, p)).not.toContain(`${v} `);
      expect(softwareName(v, p)).not.toContain('_');
    }
  });
});

describe('softwareTitle', () => {
  it('asks for the update by name', () => {
    expect(softwareTitle('gnu', 'glibc')).toBe('Update GNU glibc');
    expect(softwareTitle('unknown vendor', 'zlib')).toBe('Update zlib (unknown vendor)');
  });

  it('changes only the title, never the recommendation id', () => {
    const s = makeSnapshot({
      weaknesses: [makeWeakness('CVE-1', 9), makeWeakness('CVE-2', 9)],
      findings: [
        makeFinding('d1', 'CVE-1', {
          software: { vendor: 'org.apache.logging.log4j', product: 'log4j-core', version: '2.14' },
        }),
        makeFinding('d1', 'CVE-2', {
          software: { vendor: 'linux', product: 'linux_kernel', version: '5.15' },
        }),
      ],
    });
    const ids = assess(s).recommendations.map((r) => [r.id, r.title]);
    expect(ids.sort()).toEqual([
      ['software/linux/linux_kernel', 'Update Linux kernel'],
      ['software/org.apache.logging.log4j/log4j-core', 'Update Apache Log4j'],
    ]);
  });
});
