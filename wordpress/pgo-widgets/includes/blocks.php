<?php
/**
 * One block per element, rendered on the server with the same markup as the shortcodes. The editor
 * script is plain JavaScript (no build): it shows a placeholder and the attributes in the sidebar.
 *
 * @package pgo-widgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * Block attribute definitions for an element: its own attributes plus the consultation overrides.
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
		$key                = lcfirst( str_replace( ' ', '', ucwords( str_replace( '-', ' ', $name ) ) ) );
		$attributes[ $key ] = 'bool' === $kind
			? array( 'type' => 'boolean', 'default' => false )
			: array( 'type' => 'string', 'default' => '' );
	}
	return $attributes;
}

add_action(
	'init',
	function () {
		wp_register_script(
			'pgo-widgets-blocks',
			plugins_url( 'blocks/editor.js', PGO_WIDGETS_FILE ),
			array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n' ),
			PGO_WIDGETS_VERSION,
			true
		);
		$definitions = array();
		foreach ( pgo_widgets_elements() as $tag => $own ) {
			if ( 'pgo-consultation' === $tag ) {
				continue; // Each block carries its consultation; the wrapper is for shortcodes and HTML.
			}
			$name       = 'pgo-widgets/' . substr( $tag, 4 );
			$attributes = pgo_widgets_block_attributes( $own );
			register_block_type(
				$name,
				array(
					'api_version'     => 2,
					'editor_script'   => 'pgo-widgets-blocks',
					'attributes'      => $attributes,
					'render_callback' => function ( $block_attributes ) use ( $tag, $own ) {
						$element = array();
						foreach ( array_merge( array_fill_keys( PGO_WIDGETS_COMMON_ATTRIBUTES, 'text' ), $own ) as $attr => $kind ) {
							$key = lcfirst( str_replace( ' ', '', ucwords( str_replace( '-', ' ', $attr ) ) ) );
							if ( isset( $block_attributes[ $key ] ) && '' !== $block_attributes[ $key ] && false !== $block_attributes[ $key ] ) {
								$element[ $attr ] = $block_attributes[ $key ];
							}
						}
						return pgo_widgets_render_element( $tag, $element );
					},
				)
			);
			$definitions[] = array(
				'name'       => $name,
				'tag'        => $tag,
				'title'      => pgo_widgets_element_labels()[ $tag ],
				'attributes' => $attributes,
			);
		}
		wp_add_inline_script( 'pgo-widgets-blocks', 'window.pgoWidgetsBlocks = ' . wp_json_encode( $definitions ) . ';', 'before' );
	}
);
