import type { AppApi } from '../src-main/shared/contract'

declare global {
  interface Window {
    api: AppApi
  }
}
export {}
