/**
 * Mail domains the typo check knows, curated by hand for Bounce Guard (no third-party list copied).
 *
 * - mailProviderDomains: where people's mailboxes are; a near miss of one of these is suggested as a fix.
 * - realNeighbourDomains: real, in-use domains that sit within a slip or two of a provider (corporate sites of
 *   the same company, other providers, short brand domains). Never flagged, and they block a suggestion when
 *   they are as close to what was typed as the provider is: `ao.com` is AO World, not a typo of `aol.com`.
 * - singleDomainBrands: providers that give addresses under one domain only, so `gmail.co.uk` or `gmail.de`
 *   (a right name with a wrong ending) can only mean `gmail.com`.
 *
 * To add a provider: put its mail domains in mailProviderDomains, then run the typo tests; a legitimate domain that
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
  'yahoo.pt',
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
  'ms.com', // Morgan Stanley (msn.com, me.com)
  'man.com', // Man Group (msn.com)
  'gmc.com', // General Motors trucks (gmx.com)
  'q.com', // CenturyLink (Qwest) mail (qq.com)
  'rr.com', // Spectrum (Road Runner) mail
  'fb.com', 'x.com', 'ea.com', 'ft.com', 'rt.com', 'bbc.com', 'cnn.com', 'nfl.com', 'ted.com', 'tmz.com',
  'wsj.com', 'time.com', 'ew.com', 'mlb.com', 'nba.com', // short media and brand domains
  'wow.com', 'ygm.com', // AOL legacy mail domains
  'hp.com', 'bt.com', 'cox.com', 'comcast.com', 'verizon.com', 'charter.com', 'google.com', 'apple.com',
  'microsoft.com', 'yahoo-inc.com', 'oath.com', // corporate domains beside their consumer mail domains
  'btconnect.com', // BT business mail
  'hotmart.com', // Brazilian platform (hotmail.com)
  'line.me', 'wa.me', 'm.me', 'ok.ru', // LINE, WhatsApp, Facebook Messenger, Odnoklassniki
  'mail.be', 'mail.bg', 'mail.az', 'mail.ee', 'mail.ua', // national providers named "mail"
  'email.cz', // Seznam
  '163.net', // NetEase
  'a1.net', // A1 Telekom Austria
];

export const singleDomainBrands: readonly string[] = [
  'gmail.com', 'googlemail.com', 'icloud.com', 'qq.com', 'naver.com', '163.com', '126.com', 'btinternet.com',
  'sbcglobal.net', 'rediffmail.com', 'bellsouth.net', 'hanmail.net',
];
