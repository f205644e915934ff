import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from '../router';

/**
 * A native link that navigates inside the page (a modified click, or another origin, is left to the browser).
 * Plain <a>: the most accessible link there is, and it keeps react-aria out of the first chunk.
 */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (!href.startsWith('/')) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={click} {...rest} />;
}
