// 项目资产: the ledger page and one asset's page (routes).
export { AssetsPage } from './AssetsPage';
export { AssetPage } from './AssetPage';
