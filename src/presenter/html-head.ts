import { escapeHtml as h } from '../core/report/escape-html.ts';

/**
 * The opening of every HTML document PolicyLens writes (page report, sector overview): its
 * language, a content security policy that lets no script, font or image load (the reports
 * are self-contained and hold page-controlled text), the tool version and the title, up to
 * the opening `<style>` tag. Values are escaped here.
 */
export function htmlDocumentStart(lang: string, toolVersion: string, title: string): string {
  return `<!doctype html>
<html lang="${h(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="PolicyLens ${h(toolVersion)}">
<title>${h(title)}</title>
<style>`;
}
