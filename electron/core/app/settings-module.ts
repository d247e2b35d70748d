// This device's preferences: saved, then announced so that every open window follows (another tab, a second window).
import type { AppSettings } from '../../../shared/contract/index.ts';
import { changesBetween } from '../command.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { CommandTx, CoreModule } from '../module.ts';
import type { AppSettingsStore } from '../ports.ts';

export function createSettingsModule(
  deps: Readonly<{ settings: AppSettingsStore; bus: EventBus }>,
): CoreModule<'settings'> {
  async function update(changes: Partial<AppSettings>, tx: CommandTx): Promise<AppSettings> {
    const before = deps.settings.get();
    const settings = await deps.settings.update(changes);
    tx.record(changesBetween(before, settings));
    deps.bus.emit({ name: 'settings.changed', payload: { shopId: null, settings } });
    return settings;
  }
  return {
    handlers: {
      'settings.get': () => deps.settings.get(),
      'settings.setLanguage': (input, { tx }) => update({ language: input.language }, tx),
      'settings.update': (input, { tx }) => update(input, tx),
      'settings.setNotifications': (input, { tx }) => update({ notifications: input.notifications }, tx),
    },
  };
}
