/** The header's menu: the routes a first-time visitor is most likely to want. */
export const mainNavigation = [
  { href: '/about/', text: 'About the DSR' },
  { href: '/ratings/', text: 'Ratings' },
  { href: '/professionals/', text: 'For professionals' },
  { href: '/families/', text: 'For families' },
  { href: '/easy-read/', text: 'Easy read' },
  { href: '/keyworking/', text: 'Keyworking' },
] as const;

/** The footer's support links, which every public-sector site must carry. */
export const footerLinks = [
  { href: '/contact/', text: 'Contact the DSR team' },
  { href: '/accessibility/', text: 'Accessibility statement' },
  { href: '/privacy/', text: 'Privacy notice' },
  { href: '/withdraw/', text: 'Ask for consent to be withdrawn' },
] as const;
