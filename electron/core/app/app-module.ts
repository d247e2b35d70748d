// The app domain: what this build is and has, and the storage notices of the caller's shops.
import type { CoreModule } from '../module.ts';
import type { CorePorts } from '../ports.ts';
import type { SessionService } from '../sessions/session-service.ts';
import type { ShopService } from '../shops/shop-service.ts';
import type { StorageNotices } from './storage-notices.ts';

export function createAppModule(
  ports: CorePorts,
  deps: Readonly<{ shops: ShopService; sessions: SessionService; notices: StorageNotices }>,
): CoreModule<'app'> {
  return {
    handlers: {
      'app.info': () => {
        const demo = deps.shops.all().some((shop) => shop.profile.demo);
        return {
          version: ports.appVersion,
          demo,
          demoAccounts: demo ? deps.sessions.demoAccounts() : [],
          demoPassword: demo ? (ports.demo?.password ?? null) : null,
          connectorKinds: Object.keys(ports.connectors),
          secretProtection: ports.secrets.protection,
        };
      },
      'app.notices': (_input, { session }) => deps.notices.visibleTo(session),
    },
  };
}
