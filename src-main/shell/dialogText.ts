/**
 * The words of the native dialogs main opens (export folder, import files). They are the only
 * user-facing strings main shows itself, so they live in this small catalogue in the user's
 * language (the renderer's catalogue cannot be imported here). Pure: tested without Electron.
 */
export type DialogLocale = 'en' | 'zh-CN'

interface DialogText {
  exportTitle: string
  exportButton: string
  importRrTitle: string
  importSessionTitle: string
  importZipTitle: string
  zipFilter: string
  importButton: string
  rrFilter: string
  sessionsTitle: string
  sessionsButton: string
}

export const DIALOG_TEXT: Record<DialogLocale, DialogText> = {
  en: {
    exportTitle: 'Export sessions as CSV: choose a folder',
    exportButton: 'Export here',
    importRrTitle: 'Import RR interval files',
    importSessionTitle: 'Import exported session folders',
    importZipTitle: 'Import zipped sessions',
    zipFilter: 'Zip archives',
    importButton: 'Import',
    rrFilter: 'RR intervals',
    sessionsTitle: 'Record sessions in this folder',
    sessionsButton: 'Use this folder'
  },
  'zh-CN': {
    exportTitle: '导出会话 CSV：选择保存的文件夹',
    exportButton: '导出到这里',
    importRrTitle: '导入 RR 间期文件',
    importSessionTitle: '导入已导出的会话文件夹',
    importZipTitle: '导入压缩的会话（zip）',
    zipFilter: 'zip 压缩包',
    importButton: '导入',
    rrFilter: 'RR 间期',
    sessionsTitle: '把会话记录保存在这个文件夹',
    sessionsButton: '使用此文件夹'
  }
}

/** The dialog language: the saved choice, or the operating system's when the choice is 'system'. */
export function dialogLocale(choice: 'system' | DialogLocale, systemLocale: string): DialogLocale {
  if (choice !== 'system') return choice
  return /^zh\b/i.test(systemLocale) ? 'zh-CN' : 'en'
}

export interface FolderDialogOptions {
  title: string
  buttonLabel: string
  properties: ('openFile' | 'openDirectory' | 'createDirectory' | 'multiSelections')[]
  filters?: { name: string; extensions: string[] }[]
}

export function exportDialogOptions(locale: DialogLocale): FolderDialogOptions {
  const text = DIALOG_TEXT[locale]
  return {
    title: text.exportTitle,
    buttonLabel: text.exportButton,
    properties: ['openDirectory', 'createDirectory']
  }
}

export function sessionsDialogOptions(locale: DialogLocale): FolderDialogOptions {
  const text = DIALOG_TEXT[locale]
  return {
    title: text.sessionsTitle,
    buttonLabel: text.sessionsButton,
    properties: ['openDirectory', 'createDirectory']
  }
}

export function importDialogOptions(
  kind: 'rr' | 'session' | 'zip',
  locale: DialogLocale
): FolderDialogOptions {
  const text = DIALOG_TEXT[locale]
  if (kind === 'zip') {
    return {
      title: text.importZipTitle,
      buttonLabel: text.importButton,
      properties: ['openFile', 'multiSelections'],
      filters: [{ name: text.zipFilter, extensions: ['zip'] }]
    }
  }
  return kind === 'rr'
    ? {
        title: text.importRrTitle,
        buttonLabel: text.importButton,
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: text.rrFilter, extensions: ['txt', 'csv', 'hrm', 'rr', 'fit'] }]
      }
    : {
        title: text.importSessionTitle,
        buttonLabel: text.importButton,
        properties: ['openDirectory', 'multiSelections']
      }
}
