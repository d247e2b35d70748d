// 进货验收: a purchase batch inspected by AQL and posted. The plan and the verdict are computed here from the lot
// size and the defects the inspector found (never taken from the page); the accepted pieces go on the shelf as
// sellable and the rejected ones are frozen for return to the supplier — one ledger movement, written in the same
// transaction as the batch and the command's audit entry. Each supplier's record (lots, rejected share) follows.
// A defect line may name photos kept before (inventory.uploadPhoto): each must be there.
import {
  AppError,
  type GoodsInBatch,
  type MethodInput,
  type SessionInfo,
  type SupplierScore,
} from '../../../shared/contract/index.ts';
import { inspectionPlan, verdict } from '../../../shared/domain/stock/aql-sampling.ts';
import type { CommandTx } from '../module.ts';
import { ORG_LOG, type ShopStreams } from '../ports.ts';
import type { Photos } from './photos.ts';
import type { StockService } from './stock-service.ts';

export interface GoodsIn {
  load(): void;
  receive(session: SessionInfo, input: MethodInput<'inventory.receiveGoods'>, tx: CommandTx): Promise<GoodsInBatch>;
  history(supplier: string, limit: number): { batches: GoodsInBatch[]; suppliers: SupplierScore[] };
}

export function createGoodsIn(
  deps: Readonly<{
    streams: ShopStreams;
    stock: StockService;
    photos: Pick<Photos, 'requireKept'>;
    ids: { next(prefix: string): string };
  }>,
): GoodsIn {
  let batches: GoodsInBatch[] = [];
  return {
    load() {
      // Batches recorded before defect photos name none.
      batches = deps.streams
        .goodsInBatches(ORG_LOG)
        .map((b) => ({ ...b, defects: b.defects.map((d) => ({ ...d, photoIds: d.photoIds ?? [] })) }));
    },
    async receive(session, input, tx) {
      const plan = inspectionPlan(input.lotSize);
      if (!plan) throw new AppError('invalid_input', `no sampling plan for a lot of ${input.lotSize}`);
      if (input.found.critical + input.found.major + input.found.minor > plan.inspect)
        throw new AppError('invalid_input', `the sample has ${plan.inspect} pieces; more defects were entered`);
      deps.photos.requireKept(input.defects.flatMap((d) => d.photoIds));
      const batch: GoodsInBatch = {
        id: deps.ids.next('gin'),
        at: tx.at,
        supplier: input.supplier,
        sku: input.sku,
        lotSize: input.lotSize,
        plan,
        found: input.found,
        verdict: verdict(plan, input.found),
        accepted: input.accepted,
        rejected: input.rejected,
        defects: input.defects,
        checks: input.checks,
        note: input.note,
        actorId: session.userId,
      };
      await deps.stock.postMany(
        session,
        [
          {
            id: `goods_in:${batch.id}`,
            sku: input.sku,
            kind: 'goods_in',
            delta: { normal: input.accepted, frozen: input.rejected },
            note: `进货验收 ${input.supplier}${input.note ? `：${input.note}` : ''}`,
          },
        ],
        tx,
        { goodsIn: [batch] },
        {
          batch: {
            from: null,
            to: {
              supplier: batch.supplier,
              lotSize: batch.lotSize,
              accepted: batch.accepted,
              rejected: batch.rejected,
              verdict: batch.verdict.accepted,
            },
          },
        },
      );
      batches.push(batch);
      return batch;
    },
    history(supplier, limit) {
      const bySupplier = new Map<string, SupplierScore>();
      for (const b of batches) {
        const s = bySupplier.get(b.supplier) ?? {
          supplier: b.supplier,
          lots: 0,
          rejectedLots: 0,
          pieces: 0,
          rejectedPieces: 0,
          rejectRate: 0,
          lastAt: b.at,
        };
        bySupplier.set(b.supplier, {
          ...s,
          lots: s.lots + 1,
          rejectedLots: s.rejectedLots + (b.verdict.accepted ? 0 : 1),
          pieces: s.pieces + b.lotSize,
          rejectedPieces: s.rejectedPieces + b.rejected,
          lastAt: Math.max(s.lastAt, b.at),
        });
      }
      const suppliers = [...bySupplier.values()]
        .map((s) => ({ ...s, rejectRate: s.pieces === 0 ? 0 : s.rejectedPieces / s.pieces }))
        .sort((a, b) => b.rejectRate - a.rejectRate || a.supplier.localeCompare(b.supplier));
      const shown = supplier === '' ? batches : batches.filter((b) => b.supplier === supplier);
      return { batches: shown.slice(-limit).reverse(), suppliers };
    },
  };
}
