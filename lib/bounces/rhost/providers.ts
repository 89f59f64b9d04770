import type { Reason } from '../schema';
import { firstRule, phraseRules, type Provider } from './types';

/**
 * Smaller providers with documented replies or error-code schemes (Cox "AUP#CXBL", Orange "ofr_506", GoDaddy
 * "IB506", ...). Code tables map the provider's own codes; phrase rules cover the rest. Following Sisimai's
 * lib/sisimai/rhost/*.pm (BSD-2).
 */

const byCode = (table: Record<string, Reason>, code: string | undefined): Reason | undefined =>
  code ? table[code] : undefined;

const aolRules = phraseRules([
  ['hostunknown', 'Host or domain name not found'],
  ['notaccept', 'type=MX: Malformed or unexpected name server reply'],
]);

const appleRules = phraseRules([
  ['authfailure', 's dmarc policy', 'blocked for failing both spf and dkim autentication checks'],
  ['blocked', 'rejected due to having a domain present in the spamhaus', 'rejected due to listing in spamhaus',
    'blocked - see https://support.proofpoint.com/dnsbl-lookup', 'not accepting connections'],
  ['hasmoved', 'recipient no longer on server'],
  ['mailboxfull', 'user is over quota'],
  ['norelaying', 'relay access denied'],
  ['notaccept', 'host/domain does not accept mail'],
  ['policyviolation', 'due to local policy'],
  ['rejected', 'sender address rejected'],
  ['speeding', 'due to excessive volume'],
  ['userunknown', 'inactive email address', 'user does not exist', 'unknown or illegal alias'],
]);

const coxCodes: Record<string, Reason> = {
  CXBL: 'blocked', CDRBL: 'blocked', CXDNS: 'requireptr', CXSNDR: 'authfailure', CXSMTP: 'rejected',
  CXCNCT: 'toomanyconn', CXMXRT: 'toomanyconn', CXTHRT: 'securityerror', CXMJ: 'securityerror',
};
const coxRules = phraseRules([
  ['blocked', 'cox too many bad commands from', 'too many invalid recipients'],
  ['requireptr', 'dns check failure - try again later', 'rejected - no rdns'],
  ['policyviolation', 'esmtp no data before greeting', 'attachment extension is forbidden'],
  ['rejected', 'sender rejected'],
  ['systemerror', 'esmtp server temporarily not available'],
  ['toomanyconn', 'too many sessions from', 'requested action aborted: try again later', 'message threshold exceeded'],
  ['userunknown', 'recipient rejected'],
]);

function coxCode(code: string | undefined): Reason | undefined {
  if (!code) return undefined;
  if (/^IPBL\d+$/.test(code)) return 'blocked';
  if (/^URLBL\d+$/.test(code)) return 'spamdetected';
  return coxCodes[code];
}

const facebookCodes: Record<string, Reason> = {
  'POL-P7': 'authfailure', 'POL-P1': 'blocked', 'POL-P2': 'blocked', 'POL-P3': 'blocked', 'POL-P4': 'blocked',
  'POL-T1': 'blocked', 'POL-T2': 'blocked', 'POL-T3': 'blocked', 'MSG-P2': 'contenterror', 'RCP-P2': 'filtered',
  'RCP-P3': 'filtered', 'MSG-P1': 'mesgtoobig', 'INT-P2': 'mesgtoobig', 'MSG-P3': 'notcompliantrfc',
  'DNS-P1': 'rejected', 'DNS-P2': 'rejected', 'DNS-T1': 'rejected', 'DNS-P3': 'requireptr', 'DNS-T2': 'requireptr',
  'POL-P6': 'spamdetected', 'RCP-T4': 'suspend', 'RCP-T1': 'systemerror', 'CON-T1': 'toomanyconn',
  'CON-T2': 'toomanyconn', 'CON-T3': 'toomanyconn', 'CON-T4': 'toomanyconn', 'MSG-T1': 'toomanyconn',
  'RCP-P1': 'userunknown', 'INT-P1': 'userunknown', 'INT-P3': 'userunknown', 'INT-P4': 'userunknown',
  'POL-P5': 'virusdetected',
};

// Orange/La Poste reply "... ofr_506", "LPN007_510": the number after the label is the documented error code.
const francePttCodes: Record<string, Reason> = {
  101: 'blocked', 102: 'blocked', 103: 'blocked', 104: 'toomanyconn', 305: 'securityerror', 401: 'authfailure',
  402: 'securityerror', 403: 'rejected', 405: 'rejected', 415: 'rejected', 416: 'userunknown', 417: 'mailboxfull',
  420: 'suspend', 421: 'rejected', 426: 'suspend', 505: 'systemerror', 506: 'spamdetected', 510: 'blocked',
  514: 'mesgtoobig', 517: 'authfailure', 630: 'policyviolation', 999: 'blocked',
};

function francePtt(diagnostic: string): Reason | undefined {
  const text = diagnostic.toLowerCase().replaceAll('_', '-');
  for (const token of text.matchAll(/(?:lpnaaa|lpn|ofr|ouk)[-\w]*/g)) {
    const reason = byCode(francePttCodes, /(\d{3})$/.exec(token[0])?.[1]);
    if (reason) return reason;
  }
  return text.includes('spf/dns de votre nom de domaine') ? 'authfailure' : undefined;
}

const godaddyCodes: Record<string, Reason> = {
  IB401: 'securityerror', IB501: 'notcompliantrfc', IB502: 'notcompliantrfc', IB506: 'rejected',
  IB508: 'authfailure', IB108: 'requireptr', IB212: 'spamdetected', IB705: 'virusdetected', IB605: 'toomanyconn',
  IB007: 'toomanyconn', IB101: 'speeding', IB110: 'blocked', IB111: 'blocked', IB112: 'blocked', IB113: 'blocked',
  IB504: 'speeding', IB510: 'speeding', IB607: 'speeding', IB103: 'badreputation', IB104: 'blocked',
  IB105: 'blocked', IB106: 'blocked',
};
const godaddyRules = phraseRules([
  ['blocked', 'rbl reject', 'www.spamhaus.org/query/bl?ip='],
  ['expired', 'has been in the queue too long', 'delivery timeout'],
  ['mailboxfull', 'account storage limit'],
  ['spamdetected', 'message rejected for spam or virus content'],
  ['suspend', 'account disabled'],
  ['systemerror', 'message is looping'],
  ['userunknown', 'recipient not found', 'account does not exist'],
]);

const iuaCodes: Record<string, Reason> = {
  1: 'norelaying', 2: 'userunknown', 3: 'suspend', 4: 'mailboxfull', 5: 'toomanyconn', 6: 'norelaying',
  7: 'blocked', 8: 'rejected', 9: 'blocked', 10: 'filtered',
};

const mimecastRules = phraseRules([
  ['authfailure', 'spf sender invalid - envelope rejected', 'dkim sender invalid - envelope rejected',
    'dmarc sender invalid - envelope rejected'],
  ['badreputation', 'internal resources are temporarily unavailable', 'local ct ip reputation - (reject)'],
  ['blocked', 'sender address blocked', 'recipient temporarily unavailable', 'ip temporarily blacklisted'],
  ['failedstarttls', 'this route requires encryption (tls)', 'this route requires tls version 1.2 or greater',
    'this route requires high-strength ciphers', 'configuration is invalid for this certificate'],
  ['mesgtoobig', 'maximum email size exceeded'],
  ['networkerror', 'the incorrect hostname used for inbounds', 'mail loop detected'],
  ['norelaying', 'open relay not allowed', 'open relay is not allowed'],
  ['notaccept', 'account inbounds disabled'],
  ['policyviolation', 'anti-spoofing policy - inbound not allowed', 'rejected by header-based anti-spoofing policy',
    'message bounced due to content examination policy', 'host network not allowed', 'host network, not allowed'],
  ['rejected', 'administrative prohibition envelope blocked', 'envelope blocked - user entry',
    'envelope blocked - user domain entry', 'rejected by header-based manually blocked senders',
    'rejected by header-based blocked senders', 'envelope rejected - block policy for envelope from address'],
  ['securityerror', 'incorrect authentication data', 'submitter failed to authenticate'],
  ['systemerror', 'unable to process connection at this time', 'message ended early', 'unable to process command',
    'unable to process an email at this time'],
  ['toomanyconn', 'account service is temporarily unavailable', 'too many recipients',
    'exceeding outbound thread limit'],
  ['userunknown', 'invalid address', 'user unknown', 'invalid recipient'],
  ['virusdetected', 'email rejected due to security policies'],
]);

// Spectrum (Charter) "AUP#1260": ranges of the four-digit code, from its postmaster page.
const spectrumRanges: ReadonlyArray<readonly [number, number, Reason]> = [
  [1000, 1000, 'blocked'], [1010, 1080, 'rejected'], [1090, 1090, 'systemerror'], [1100, 1150, 'requireptr'],
  [1160, 1190, 'policyviolation'], [1200, 1250, 'blocked'], [1260, 1260, 'networkerror'],
  [1300, 1340, 'toomanyconn'], [1350, 1490, 'speeding'], [1500, 1520, 'rejected'], [1530, 1530, 'mesgtoobig'],
  [1540, 1580, 'speeding'],
];

const tencentRules = phraseRules([
  ['authfailure', 'spf check failed', 'dmarc check failed'],
  ['blocked', 'suspected bounce attacks', 'suspected spam ip', 'connection denied'],
  ['mesgtoobig', 'message too large'],
  ['rejected', 'suspected spam', 'mail is rejected by recipients'],
  ['spamdetected', 'spam is embedded in the email', 'mail content denied'],
  ['speeding', 'mailbox unavailable or access denined'],
  ['suspend', 'is a deactivated mailbox'],
  ['syntaxerror', 'bad address syntax'],
  ['toomanyconn', 'ip frequency limited', 'domain frequency limited', 'sender frequency limited',
    'connection frequency limited'],
  ['userunknown', 'mailbox not found'],
]);

const yahooRules = phraseRules([
  ['authfailure', 'yahoo requires all senders to authenticate with either spf or dkim'],
  ['blocked', " because the ip is in spamhaus's list;", 'not accepted from ip addresses on spamhaus xbl'],
  ['norelaying', 'relaying denied for '],
  ['notcompliantrfc', 'headers are not rfc compliant'],
  ['policyviolation', 'not accepted for policy reasons'],
  ['rejected', 'temporarily deferred due to unexpected volume or user complaints',
    'due to unresolvable rfc.5321 domain', ' will be permanently deferred'],
  ['speeding', 'user is receiving mail too quickly'],
  ['suspend', ' is no longer valid.', 'this mailbox is disabled'],
  ['syntaxerror', 'syntax error in parameters or arguments'],
  ['toomanyconn', 'max message per connection reached'],
  ['userunknown', "dd this user doesn't have a ", 'mailbox not found'],
]);

export const providers: readonly Provider[] = [
  { name: 'Aol', domains: ['aol.com'], hosts: ['.mail.aol.com', '.mx.aol.com'], read: (f) => firstRule(aolRules, f) },
  {
    name: 'Apple', domains: ['icloud.com', 'me.com', 'mac.com'], hosts: ['.mail.icloud.com', '.apple.com', '.me.com'],
    read: (f) => firstRule(appleRules, f),
  },
  {
    name: 'Cox', domains: ['cox.net'], hosts: ['cox.net'], marker: /AUP#(?:CX|IPBL|URLBL|CDRBL)/,
    read: (f) => coxCode(/AUP#([A-Z0-9]+)/.exec(f.diagnostic)?.[1]) ?? firstRule(coxRules, f),
  },
  {
    name: 'Facebook', domains: ['facebook.com'], hosts: ['.facebook.com'],
    read: (f) => byCode(facebookCodes, /\b([A-Z]{3}-[PT]\d)\b/.exec(f.diagnostic)?.[1]),
  },
  {
    name: 'FrancePTT', domains: ['orange.fr', 'wanadoo.fr', 'laposte.net'],
    hosts: ['.laposte.net', '.orange.fr', '.wanadoo.fr'], marker: /\b(?:LPN\d{3}|LPNAAA|OFR|OUK)_\d{3}\b/i,
    read: (f) => francePtt(f.diagnostic),
  },
  {
    name: 'GoDaddy', domains: ['secureserver.net'], hosts: ['smtp.secureserver.net', 'mailstore1.secureserver.net'],
    marker: / IB\d{3}\b/,
    read: (f) => byCode(godaddyCodes, /\b(IB\d{3})\b/.exec(f.diagnostic)?.[1]) ?? firstRule(godaddyRules, f),
  },
  {
    name: 'IUA', domains: ['email.ua'], hosts: ['.email.ua'], marker: /\.i\.ua\/err\/\d+\//i,
    read: (f) => byCode(iuaCodes, /\.i\.ua\/err\/(\d+)\//i.exec(f.diagnostic)?.[1]),
  },
  {
    name: 'KDDI', domains: ['ezweb.ne.jp', 'au.com'], hosts: ['.ezweb.ne.jp', 'msmx.au.com'],
    read: (f) => (/550 : user unknown/i.test(f.diagnostic) ? 'filtered'
      : /> ?: user unknown/i.test(f.diagnostic) ? 'userunknown' : undefined),
  },
  {
    name: 'MessageLabs', domains: ['messagelabs.com'], hosts: ['.messagelabs.com'],
    read: (f) => (/please turn on smtp authentication in your mail client/i.test(f.diagnostic) ? 'securityerror'
      : /542 | rejected|no such user/i.test(f.diagnostic) ? 'userunknown' : undefined),
  },
  {
    name: 'Mimecast', domains: ['mimecast.com'], hosts: ['.mimecast.com'],
    read: (f) => (f.replyCode ? firstRule(mimecastRules, f) : undefined),
  },
  {
    name: 'NTTDOCOMO', domains: ['docomo.ne.jp'], hosts: ['mfsmax.docomo.ne.jp'],
    read(f) {
      if (f.status === '5.1.1') return 'userunknown';
      if (f.status === '5.2.0') return 'filtered';
      if (/552 too much mail data/i.test(f.diagnostic)) return 'mailboxfull';
      if (/552 too many recipients/i.test(f.diagnostic)) return 'toomanyconn';
      if (f.status !== '5.0.0') return undefined;
      return f.command === 'RCPT' ? 'userunknown' : f.command === 'DATA' ? 'rejected' : undefined;
    },
  },
  {
    name: 'Spectrum', domains: ['charter.net', 'spectrum.net'], hosts: ['charter.net'], marker: /AUP#\D*1\d{3}\b/,
    read(f) {
      const code = Number(/AUP#\D*(\d{4})/.exec(f.diagnostic)?.[1] ?? NaN);
      return spectrumRanges.find(([from, to]) => code >= from && code <= to)?.[2];
    },
  },
  { name: 'Tencent', domains: ['qq.com'], hosts: ['.qq.com'], read: (f) => firstRule(tencentRules, f) },
  {
    // By inbound host only: Yahoo's consumer domains also receive through servers that answer differently.
    name: 'YahooInc', domains: [], hosts: ['.yahoodns.net'],
    read: (f) => firstRule(yahooRules, f),
  },
];
