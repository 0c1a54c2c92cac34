package dev.recon.exceptions;

import java.util.List;

/** What a bulk action did: the exceptions it acted on, and those it could not act on with why. */
public record BulkResult(List<Long> done, List<String> refused) {}
