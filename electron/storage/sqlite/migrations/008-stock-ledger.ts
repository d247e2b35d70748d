// Migration: the stock ledger in the organisation's database — every movement of stock (goods-in, an order's lock,
// its shipment or release, returns, adjustments, stocktake variances, changes of type) with its effective change
// per quantity, one column each so that balances are sums, and each SKU's allocation to the shops (exclusive
// shares, coefficients, the safety buffer). The balances and open locks are read by aggregate when it opens.
export const up = `CREATE TABLE stock_movements (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     at INTEGER NOT NULL,
     sku TEXT NOT NULL,
     kind TEXT NOT NULL,
     normal INTEGER NOT NULL DEFAULT 0,
     damaged INTEGER NOT NULL DEFAULT 0,
     frozen INTEGER NOT NULL DEFAULT 0,
     occupied INTEGER NOT NULL DEFAULT 0,
     reserved INTEGER NOT NULL DEFAULT 0,
     shop_id TEXT,
     order_id TEXT,
     actor_id TEXT,
     note TEXT NOT NULL
   ) STRICT;
   CREATE INDEX stock_movements_sku ON stock_movements (sku, seq);
   CREATE INDEX stock_movements_order ON stock_movements (shop_id, order_id) WHERE order_id IS NOT NULL;
   CREATE TABLE stock_allocations (sku TEXT PRIMARY KEY, allocation TEXT NOT NULL) STRICT;`;
