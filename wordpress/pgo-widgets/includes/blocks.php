<?php
/**
 * One block per element, each registered from its blocks/<name>/block.json (block API version 3, so it
 * works in the iframed editor) and rendered on the server with the same markup as the shortcodes. The
 * editor script is plain JavaScript (no build): a placeholder in the content, the attributes in the sidebar.
 *
 * @package pgo-widgets
 */

defined( 'ABSPATH' ) || exit;

require_once __DIR__ . '/block-attributes.php';

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
		wp_set_script_translations( 'pgo-widgets-blocks', 'pgo-widgets', dirname( PGO_WIDGETS_FILE ) . '/languages' );
		$definitions = array();
		foreach ( pgo_widgets_elements() as $tag => $own ) {
			if ( 'pgo-consultation' === $tag ) {
				continue; // Each block carries its consultation; the wrapper is for shortcodes and HTML.
			}
			$all  = array_merge( array_fill_keys( PGO_WIDGETS_COMMON_ATTRIBUTES, 'text' ), $own );
			$type = register_block_type(
				dirname( PGO_WIDGETS_FILE ) . '/blocks/' . substr( $tag, 4 ),
				array(
					'render_callback' => function ( $block_attributes ) use ( $tag, $all ) {
						$element = array();
						foreach ( $all as $attr => $kind ) {
							$key = pgo_widgets_block_key( $attr );
							if ( isset( $block_attributes[ $key ] ) && '' !== $block_attributes[ $key ] && false !== $block_attributes[ $key ] ) {
								$element[ $attr ] = $block_attributes[ $key ];
							}
						}
						return pgo_widgets_render_element( $tag, $element );
					},
				)
			);
			if ( ! $type ) {
				continue;
			}
			$labels = array();
			foreach ( array_keys( $all ) as $attr ) {
				if ( isset( $type->attributes[ pgo_widgets_block_key( $attr ) ] ) ) {
					$labels[ pgo_widgets_block_key( $attr ) ] = $attr;
				}
			}
			$definitions[] = array(
				'name'       => $type->name,
				'tag'        => $tag,
				'title'      => $type->title,
				'attributes' => $type->attributes,
				'labels'     => $labels,
			);
		}
		wp_add_inline_script( 'pgo-widgets-blocks', 'window.pgoWidgetsBlocks = ' . wp_json_encode( $definitions ) . ';', 'before' );
	}
);
