<?php
/**
 * Lets editors paste <pgo-…> elements into posts: WordPress's HTML filter keeps these tags and their
 * known attributes, and nothing else is added to what it allows.
 *
 * @package pgo-widgets
 */

defined( 'ABSPATH' ) || exit;

add_filter(
	'wp_kses_allowed_html',
	function ( $allowed, $context ) {
		if ( 'post' !== $context ) {
			return $allowed;
		}
		foreach ( pgo_widgets_elements() as $tag => $own ) {
			$attributes = array();
			foreach ( array_merge( PGO_WIDGETS_COMMON_ATTRIBUTES, array_keys( $own ) ) as $name ) {
				$attributes[ $name ] = true;
			}
			$allowed[ $tag ] = $attributes;
		}
		return $allowed;
	},
	10,
	2
);
