/**
 * Public mail services: an address at one of these says nothing about the customer
 * (DOMAIN.md "Recognising a sender", step 3). Domains are in normalised (ASCII) form.
 */
export const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  // international
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.fi', 'live.com', 'live.fi',
  'msn.com', 'yahoo.com', 'yahoo.co.uk', 'ymail.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com',
  'proton.me', 'protonmail.com', 'gmx.com', 'gmx.net', 'mail.com', 'zoho.com', 'yandex.com',
  // Finnish
  'luukku.com', 'suomi24.fi', 'kolumbus.fi', 'elisanet.fi', 'saunalahti.fi', 'welho.com', 'netti.fi',
  'pp.inet.fi', 'inet.fi', 'dnainternet.net', 'anvianet.fi', 'mbnet.fi', 'kotiposti.net', 'jippii.fi',
  'nic.fi', 'pp.nic.fi', 'surffi.fi', 'sci.fi', 'hot.ee',
  // Swedish
  'telia.com', 'spray.se', 'bredband.net', 'passagen.se',
]);

export function isPublicMailDomain(domain: string): boolean {
  return PUBLIC_MAIL_DOMAINS.has(domain);
}
