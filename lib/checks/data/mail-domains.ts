/**
 * Mail domains the typo check knows, curated by hand for Bounce Guard (no third-party list copied).
 *
 * - mailProviderDomains: where people's mailboxes are; a near miss of one of these is suggested as a fix.
 * - realNeighbourDomains: real, in-use domains that the rules alone would take for a slip of a provider: `ao.com` is
 *   AO World, not a typo of `aol.com`. Never flagged, and they block a suggestion when they are as close to what
 *   was typed as the provider is. Only what the rules cannot know belongs here: the typo tests fail for an entry
 *   the rules already leave alone (short names, ties and real endings are handled in typos.ts).
 * - singleDomainBrands: providers that give addresses under one domain only, so `gmail.co.uk` or `gmail.de`
 *   (a right name with a wrong ending) can only mean `gmail.com`.
 *
 * To add a provider: put its mail domains in mailProviderDomains (all of them: a regional domain left out, such as
 * `hotmail.ca`, reads as a slip of a listed one, `hotmail.cz`), then run the typo tests; a legitimate domain that
 * starts being flagged belongs in realNeighbourDomains (say what it is).
 */

export const mailProviderDomains: readonly string[] = [
  // Google
  'gmail.com', 'googlemail.com',
  // Yahoo (regional domains still issued or widely in use) and its aliases
  'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.it', 'yahoo.es', 'yahoo.ca', 'yahoo.com.br',
  'yahoo.co.in', 'yahoo.in', 'yahoo.co.jp', 'yahoo.com.au', 'yahoo.com.ar', 'yahoo.com.mx', 'yahoo.co.id',
  'yahoo.com.sg', 'yahoo.com.ph', 'yahoo.com.vn', 'yahoo.com.my', 'yahoo.com.tw', 'yahoo.com.hk', 'yahoo.co.nz',
  'yahoo.co.za', 'yahoo.co.il', 'yahoo.co.kr', 'yahoo.co.th', 'yahoo.ie', 'yahoo.gr', 'yahoo.ro', 'yahoo.pl',
  'yahoo.nl', 'yahoo.be', 'yahoo.at', 'yahoo.ch', 'yahoo.dk', 'yahoo.se', 'yahoo.no', 'yahoo.fi', 'yahoo.cz',
  'yahoo.pt', 'yahoo.com.ua',
  'ymail.com', 'rocketmail.com',
  // Microsoft
  'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'hotmail.it', 'hotmail.es', 'hotmail.nl',
  'hotmail.be', 'hotmail.ca', 'hotmail.com.br', 'hotmail.com.ar', 'hotmail.com.mx', 'hotmail.com.au',
  'hotmail.co.jp', 'hotmail.co.nz', 'hotmail.co.th', 'hotmail.co.za', 'hotmail.ch', 'hotmail.at', 'hotmail.se',
  'hotmail.dk', 'hotmail.no', 'hotmail.fi', 'hotmail.gr', 'hotmail.cz', 'hotmail.sg', 'hotmail.com.tr',
  'hotmail.my', 'hotmail.co.in', 'hotmail.com.tw', 'hotmail.com.hk', 'hotmail.com.vn',
  'outlook.com', 'outlook.fr', 'outlook.de', 'outlook.es', 'outlook.it', 'outlook.jp', 'outlook.be',
  'outlook.com.br', 'outlook.com.au', 'outlook.com.ar', 'outlook.com.tr', 'outlook.com.vn', 'outlook.com.gr',
  'outlook.ie', 'outlook.at', 'outlook.dk', 'outlook.cl', 'outlook.cz', 'outlook.hu', 'outlook.in', 'outlook.kr',
  'outlook.my', 'outlook.ph', 'outlook.pt', 'outlook.sa', 'outlook.sg', 'outlook.sk', 'outlook.co.id',
  'outlook.co.il', 'outlook.co.nz', 'outlook.co.th', 'outlook.lv',
  'live.com', 'live.co.uk', 'live.fr', 'live.nl', 'live.de', 'live.it', 'live.be', 'live.ca', 'live.com.au',
  'live.at', 'live.dk', 'live.ie', 'live.jp', 'live.se', 'live.no', 'live.cl', 'live.cn', 'live.in', 'live.ru',
  'live.co.za', 'live.co.kr', 'live.com.ar', 'live.com.mx', 'live.com.pt', 'live.com.sg', 'live.com.my',
  'msn.com', 'passport.com',
  // Apple
  'icloud.com', 'me.com', 'mac.com', 'icloud.com.cn',
  // AOL
  'aol.com', 'aol.de', 'aol.fr', 'aol.co.uk', 'aol.it', 'aim.com',
  // United Internet and other German-speaking providers
  'gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'gmx.com', 'gmx.fr', 'gmx.co.uk', 'gmx.us', 'gmx.es', 'web.de',
  'mail.com', 'email.com', 't-online.de', 'freenet.de', 'arcor.de', '1und1.de', 'online.de', 'posteo.de',
  'mail.de', 'bluewin.ch',
  // France, Italy, Spain, Portugal, Benelux
  'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr', 'neuf.fr', 'laposte.net', 'bbox.fr', 'numericable.fr',
  'libero.it', 'virgilio.it', 'tiscali.it', 'alice.it', 'tim.it', 'fastwebnet.it', 'email.it', 'iol.it', 'blu.it',
  'inwind.it', 'movistar.es', 'telefonica.net', 'sapo.pt', 'telenet.be', 'skynet.be', 'ziggo.nl', 'kpnmail.nl',
  'planet.nl', 'home.nl', 'xs4all.nl',
  // Eastern Europe, Russia, Ukraine
  'yandex.ru', 'yandex.com', 'yandex.ua', 'yandex.by', 'yandex.kz', 'ya.ru', 'mail.ru', 'inbox.ru', 'list.ru',
  'bk.ru', 'internet.ru', 'rambler.ru', 'ukr.net', 'i.ua', 'seznam.cz', 'centrum.cz', 'post.cz', 'wp.pl', 'o2.pl',
  'onet.pl', 'interia.pl', 'abv.bg',
  // East and South Asia
  'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sina.cn', 'sohu.com', 'aliyun.com',
  '139.com', 'naver.com', 'daum.net', 'hanmail.net', 'nate.com', 'rediffmail.com',
  // Privacy-focused and independent providers
  'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me', 'tutanota.com', 'tuta.io', 'tuta.com',
  'fastmail.com', 'fastmail.fm', 'hey.com', 'zoho.com', 'mailo.com',
  // North American ISPs
  'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'bellsouth.net', 'cox.net', 'charter.net',
  'earthlink.net', 'optonline.net', 'windstream.net', 'centurylink.net', 'frontier.com', 'juno.com',
  'netzero.net', 'shaw.ca', 'rogers.com', 'sympatico.ca', 'videotron.ca', 'telus.net',
  // UK, Australia, New Zealand
  'btinternet.com', 'btopenworld.com', 'sky.com', 'talktalk.net', 'virginmedia.com', 'ntlworld.com',
  'blueyonder.co.uk', 'bigpond.com', 'bigpond.net.au', 'optusnet.com.au', 'iinet.net.au', 'xtra.co.nz',
  // Latin America
  'uol.com.br', 'bol.com.br', 'terra.com.br', 'ig.com.br', 'globo.com',
];

export const realNeighbourDomains: readonly string[] = [
  'ao.com', // AO World (aol.com minus l)
  'mail.ee', // Estonian provider (mail.de)
];

export const singleDomainBrands: readonly string[] = [
  'gmail.com', 'googlemail.com', 'icloud.com', 'qq.com', 'naver.com', '163.com', '126.com', 'btinternet.com',
  'sbcglobal.net', 'rediffmail.com', 'bellsouth.net', 'hanmail.net',
];
