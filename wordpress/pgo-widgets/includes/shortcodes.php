<?php
/**
 * One shortcode per element: [pgo_phase_countdown compact], [pgo_vote_button proposal="p12"],
 * [pgo_consultation]…[/pgo_consultation] to share one consultation between several elements.
 *
 * @package pgo-widgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * Maps shortcode attributes to element attributes: `hide_timeline` or `hide-timeline`, and bare
 * words (`[pgo_phase_countdown compact]`) as boolean attributes.
 *
 * @param mixed  $atts Shortcode attributes as WordPress parsed them.
 * @param string $tag  The element tag.
 * @return array<string, mixed>
 */
function pgo_widgets_shortcode_attributes( $atts, $tag ) {
	$elements   = pgo_widgets_elements();
	$attributes = array();
	foreach ( is_array( $atts ) ? $atts : array() as $key => $value ) {
		if ( is_int( $key ) ) {
			$name = str_replace( '_', '-', strtolower( (string) $value ) );
			if ( isset( $elements[ $tag ][ $name ] ) && 'bool' === $elements[ $tag ][ $name ] ) {
				$attributes[ $name ] = true;
			}
			continue;
		}
		$attributes[ str_replace( '_', '-', strtolower( $key ) ) ] = $value;
	}
	return $attributes;
}

/**
 * How many [pgo_consultation] wrappers are being rendered: elements inside one take its consultation.
 *
 * @param int $change +1 entering a wrapper, -1 leaving it, 0 to read.
 * @return int
 */
function pgo_widgets_wrapper_depth( $change = 0 ) {
	static $depth = 0;
	$depth += $change;
	return $depth;
}

add_action(
	'init',
	function () {
		foreach ( array_keys( pgo_widgets_elements() ) as $tag ) {
			add_shortcode(
				str_replace( '-', '_', $tag ),
				function ( $atts, $content = '' ) use ( $tag ) {
					$attributes = pgo_widgets_shortcode_attributes( $atts, $tag );
					if ( 'pgo-consultation' === $tag ) {
						pgo_widgets_wrapper_depth( 1 );
						$inner = do_shortcode( (string) $content );
						pgo_widgets_wrapper_depth( -1 );
						return pgo_widgets_render_element( $tag, $attributes, $inner );
					}
					if ( pgo_widgets_wrapper_depth() > 0 ) {
						$attributes['__inside_wrapper'] = true;
					}
					return pgo_widgets_render_element( $tag, $attributes );
				}
			);
		}
	}
);
