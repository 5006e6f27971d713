<?php
/**
 * Block attributes of an element, from the plugin's one list of elements: its own attributes plus the
 * consultation overrides, camelCased. Pure (no WordPress call): scripts/wordpress-blocks.mjs writes each
 * block.json from it, and the WordPress suite checks the registered blocks still match.
 *
 * @package pgo-widgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * Attribute name (`hide-timeline`) => block attribute key (`hideTimeline`).
 *
 * @param string $name Attribute name.
 * @return string
 */
function pgo_widgets_block_key( $name ) {
	return lcfirst( str_replace( ' ', '', ucwords( str_replace( '-', ' ', $name ) ) ) );
}

/**
 * Block attribute definitions for an element.
 *
 * @param array<string, string> $own Attribute => kind.
 * @return array<string, array<string, mixed>>
 */
function pgo_widgets_block_attributes( $own ) {
	$attributes = array();
	foreach ( array_merge( array_fill_keys( PGO_WIDGETS_COMMON_ATTRIBUTES, 'text' ), $own ) as $name => $kind ) {
		if ( 'backend' === $name ) {
			continue;
		}
		$attributes[ pgo_widgets_block_key( $name ) ] = 'bool' === $kind
			? array( 'type' => 'boolean', 'default' => false )
			: array( 'type' => 'string', 'default' => '' );
	}
	return $attributes;
}
