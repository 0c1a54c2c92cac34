package dev.recon.reporting;

/** A cell of text that Recon itself writes as a title: bold in the workbook, plain in CSV. */
record Heading(String text) {}
