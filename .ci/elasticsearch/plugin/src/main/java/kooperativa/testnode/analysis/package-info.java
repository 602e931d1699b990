/**
 * Test-only stand-ins for the analysis components of Elasticsearch's analysis-common module,
 * registered through the stable plugin API under the same names and with the same options,
 * each built from Lucene's own classes. Every component builds from empty settings.
 */
package kooperativa.testnode.analysis;
