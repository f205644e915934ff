import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';

/** The portal's paths (Spanish, as the public sees them); the server answers index.html for each. */
export const PATHS = {
  home: '/',
  catalogue: '/tramites',
  procedure: (code: string) => `/tramites/${encodeURIComponent(code)}`,
  verify: '/verificar',
  statistics: '/estadisticas',
  whatDoINeed: '/que-necesito',
  signIn: '/entrar',
  dashboard: '/panel',
  newOperation: '/operaciones/nueva',
  operation: (id: string) => `/operaciones/${encodeURIComponent(id)}`,
  application: (id: string) => `/solicitudes/${encodeURIComponent(id)}`,
  permits: '/permisos',
  permit: (number: string) => `/permisos/${encodeURIComponent(number)}`,
  representation: '/representacion',
  agencyInbox: '/dependencia',
  agencyApplication: (id: string) => `/dependencia/solicitudes/${encodeURIComponent(id)}`,
  customs: '/aduana',
} as const;

const PathContext = createContext<string>('/');

export function navigate(to: string): void {
  if (to === window.location.pathname + window.location.hash) return;
  window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

/** History-API routing: links (components/Link) navigate in the page; back and forward work. */
export function Router({ children }: { children: ReactNode }) {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return <PathContext.Provider value={path}>{children}</PathContext.Provider>;
}

export const usePath = () => useContext(PathContext);
