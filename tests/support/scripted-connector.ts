// A connector the test drives by hand: `send` delivers one buyer message into a shop and resolves on its ack.
import type { ConnectorFactory, ConnectorSink, BuyerMessageIn, OrderIn } from '../../electron/core/ports.ts';

export function createScriptedConnector(now: () => number) {
  const sinks = new Map<string, ConnectorSink>();
  const factory: ConnectorFactory = (shop) => ({
    start: (sink) => void sinks.set(shop.id, sink),
    stop: () => void sinks.delete(shop.id),
  });
  return {
    factory,
    send(shopId: string, buyerId: string, text: string, extra: Partial<BuyerMessageIn> = {}): Promise<void> {
      const sink = sinks.get(shopId);
      if (!sink) throw new Error(`no connector running for ${shopId}`);
      return sink.buyerMessage({ shopId, buyer: { id: buyerId, nick: `买家${buyerId}` }, text, at: now(), ...extra });
    },
    rating(shopId: string, buyerId: string, score: number): Promise<void> {
      const sink = sinks.get(shopId);
      if (!sink?.rating) throw new Error(`no connector running for ${shopId}`);
      return sink.rating({ shopId, buyerId, score, at: now() });
    },
    order(order: OrderIn): Promise<void> {
      const sink = sinks.get(order.shopId);
      if (!sink) throw new Error(`no connector running for ${order.shopId}`);
      return sink.order(order);
    },
  };
}
